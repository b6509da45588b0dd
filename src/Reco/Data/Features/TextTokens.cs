using System.Text;

namespace Reco.Data.Features;

/// <summary>Splits text features (titles, descriptions) into words.</summary>
public static class TextTokens
{
    /// <summary>The lower-case words of <paramref name="text"/> (letters and digits, two characters or more), without a trailing "(year)".</summary>
    public static IEnumerable<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int paren = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (paren > 0 && text.EndsWith(')'))
        {
            text = text[..paren];
        }

        var word = new StringBuilder();
        foreach (char c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                if (word.Length > 1)
                {
                    yield return word.ToString();
                }

                word.Clear();
            }
        }
    }
}
