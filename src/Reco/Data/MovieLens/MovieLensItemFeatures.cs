using System.Globalization;
using System.Text;

namespace Reco.Data.MovieLens;

/// <summary>
/// Content features of MovieLens movies: one per genre (1), the release decade (1), and the title's
/// words weighted by TF-IDF over all titles (the year in parentheses and one-letter words left out).
/// </summary>
public static class MovieLensItemFeatures
{
    /// <summary>Features for every item of <paramref name="items"/> (ids are MovieLens item ids as text).</summary>
    public static ItemFeatures Build(IReadOnlyList<MovieLensMovie> movies, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(items);
        var byId = movies.ToDictionary(m => m.ItemId.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var tokens = movies.ToDictionary(m => m.ItemId, m => Tokens(m.Title).Distinct(StringComparer.Ordinal).ToArray());
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in tokens.Values.SelectMany(t => t))
        {
            documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
        }

        var rows = new List<IReadOnlyDictionary<string, float>>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var row = new Dictionary<string, float>(StringComparer.Ordinal);
            if (byId.TryGetValue(items[i], out var movie))
            {
                foreach (var genre in movie.Genres)
                {
                    row["genre:" + genre] = 1f;
                }

                if (movie.ReleaseDate is { } date)
                {
                    row[string.Create(CultureInfo.InvariantCulture, $"decade:{date.Year / 10 * 10}s")] = 1f;
                }

                foreach (var word in tokens[movie.ItemId])
                {
                    row["title:" + word] = (float)Math.Log((double)movies.Count / documentFrequency[word]);
                }
            }

            rows.Add(row);
        }

        return ItemFeatures.From(rows);
    }

    /// <summary>Lower-case words of a title, without a trailing "(year)".</summary>
    internal static IEnumerable<string> Tokens(string title)
    {
        int paren = title.LastIndexOf(" (", StringComparison.Ordinal);
        if (paren > 0 && title.EndsWith(')'))
        {
            title = title[..paren];
        }

        var word = new StringBuilder();
        foreach (char c in title.ToLowerInvariant().Append(' '))
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
