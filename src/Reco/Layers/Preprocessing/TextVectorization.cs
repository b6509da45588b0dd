using System.Text;

namespace Reco.Layers.Preprocessing;

/// <summary>
/// Turns text into token indices, as <c>tf.keras.layers.TextVectorization(max_tokens)</c> with its defaults:
/// lower-cased, punctuation stripped (<c>!"#$%&amp;()*+,-./:;&lt;=&gt;?@[\]^_`{|}~'</c>), split on whitespace.
/// Index 0 is the padding (mask) token, 1 the out-of-vocabulary token <c>[UNK]</c>, and the adapted tokens
/// follow, most frequent first (ties: larger token first), at most <see cref="MaxTokens"/> indices in all.
/// </summary>
public sealed class TextVectorization
{
    /// <summary>The out-of-vocabulary token.</summary>
    public const string OovToken = "[UNK]";

    private const string Punctuation = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";
    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string[] _vocabulary = [string.Empty, OovToken];

    /// <summary>Creates the layer; call <see cref="Adapt"/> to learn its vocabulary.</summary>
    /// <param name="maxTokens">Most indices, padding and out-of-vocabulary included; null for no limit.</param>
    public TextVectorization(int? maxTokens = null)
    {
        if (maxTokens is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 3, nameof(maxTokens));
        }

        MaxTokens = maxTokens;
    }

    /// <summary>The most indices the vocabulary may take, or null.</summary>
    public int? MaxTokens { get; }

    /// <summary>Indices in use: padding, out-of-vocabulary and the adapted tokens.</summary>
    public int VocabularySize => _vocabulary.Length;

    /// <summary>The vocabulary in index order: <c>""</c>, <c>[UNK]</c>, then the tokens.</summary>
    public IReadOnlyList<string> GetVocabulary() => _vocabulary;

    /// <summary>The standardised words of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (!Punctuation.Contains(c, StringComparison.Ordinal))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>Learns the vocabulary of <paramref name="texts"/>.</summary>
    public void Adapt(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = Vocabulary.ByFrequency(texts.SelectMany(Split).Where(t => t != OovToken), Vocabulary.Strings);
        if (MaxTokens is { } max && tokens.Count > max - 2)
        {
            tokens.RemoveRange(max - 2, tokens.Count - (max - 2));
        }

        _vocabulary = [string.Empty, OovToken, .. tokens];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 2; i < _vocabulary.Length; i++)
        {
            _index.Add(_vocabulary[i], i);
        }
    }

    /// <summary>The token indices of <paramref name="text"/> (1 for unknown words; never 0, the padding).</summary>
    public int[] Tokens(string text)
    {
        var words = Split(text);
        var indices = new int[words.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = _index.TryGetValue(words[i], out int index) ? index : 1;
        }

        return indices;
    }
}
