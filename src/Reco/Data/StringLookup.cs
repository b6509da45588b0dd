using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Reco.Data;

/// <summary>
/// Maps strings to integer indices with the semantics of Keras
/// <c>tf.keras.layers.StringLookup(mask_token=None)</c>: index 0 is the single out-of-vocabulary
/// bucket (token <c>"[UNK]"</c>) and known tokens take indices 1 and up.
/// </summary>
/// <remarks>
/// The vocabulary comes either from <see cref="Adapt"/> (tokens sorted by frequency, most frequent
/// first, ties broken by token in descending order, exactly like Keras) or from the constructor that
/// takes an explicit vocabulary. Lookups are plain dictionary probes with ordinal comparison.
/// Instances are safe to read from several threads once the vocabulary is set.
/// </remarks>
public sealed class StringLookup : IIndexLookup<string>
{
    /// <summary>The token reported for index 0, the out-of-vocabulary bucket.</summary>
    public const string OovToken = "[UNK]";

    /// <summary>The index returned for tokens that are not in the vocabulary.</summary>
    public const int OovIndex = 0;

    private readonly bool _hasFixedVocabulary;
    private Dictionary<string, int> _indexByToken;
    private string[] _vocabulary;
    private ReadOnlyCollection<string> _vocabularyView;

    /// <summary>
    /// Creates a lookup whose vocabulary is empty apart from the out-of-vocabulary bucket;
    /// call <see cref="Adapt"/> to learn the vocabulary from data.
    /// </summary>
    public StringLookup()
    {
        (_indexByToken, _vocabulary, _vocabularyView) = BuildTables([]);
    }

    /// <summary>
    /// Creates a lookup with a fixed vocabulary: the first token gets index 1, the next index 2, and so on.
    /// </summary>
    /// <param name="vocabulary">
    /// The tokens in index order. As in Keras, a leading <c>"[UNK]"</c> is accepted and dropped,
    /// so the output of <see cref="GetVocabulary"/> can be passed back in.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The vocabulary is empty, repeats a token, contains a null token, or contains <c>"[UNK]"</c> anywhere but first.
    /// </exception>
    public StringLookup(IEnumerable<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        List<string> tokens = [.. vocabulary];
        if (tokens.Count > 0 && tokens[0] == OovToken)
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Count == 0)
        {
            throw new ArgumentException("The vocabulary must contain at least one token.", nameof(vocabulary));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i] ?? throw new ArgumentException($"The vocabulary contains a null token at position {i}.", nameof(vocabulary));
            if (token == OovToken)
            {
                throw new ArgumentException(
                    $"The vocabulary contains the reserved token \"{OovToken}\" at position {i}; it may only appear first.",
                    nameof(vocabulary));
            }

            if (!seen.Add(token) && repeated.Count < 10)
            {
                repeated.Add(token);
            }
        }

        if (repeated.Count > 0)
        {
            throw new ArgumentException(
                $"The vocabulary repeats tokens; each token must appear once. Repeated: {string.Join(", ", repeated.Select(t => $"\"{t}\""))}.",
                nameof(vocabulary));
        }

        _hasFixedVocabulary = true;
        (_indexByToken, _vocabulary, _vocabularyView) = BuildTables(tokens);
    }

    /// <summary>Gets the number of indices, including the out-of-vocabulary index 0.</summary>
    public int VocabularySize => _vocabulary.Length;

    /// <summary>Gets the token at <paramref name="index"/>; index 0 is <c>"[UNK]"</c>.</summary>
    /// <param name="index">An index in <c>[0, VocabularySize)</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the vocabulary.</exception>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _vocabulary.Length);
            return _vocabulary[index];
        }
    }

    /// <summary>
    /// Replaces the vocabulary with the distinct tokens of <paramref name="data"/>, most frequent first,
    /// ties broken by token in descending code-point (UTF-8 byte) order, exactly as Keras
    /// <c>adapt</c> does (<c>np.lexsort((tokens, counts))[::-1]</c>). Occurrences of <c>"[UNK]"</c> are ignored.
    /// </summary>
    /// <param name="data">The tokens to count.</param>
    /// <exception cref="InvalidOperationException">The lookup was created with a fixed vocabulary.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> contains a null token.</exception>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_hasFixedVocabulary)
        {
            throw new InvalidOperationException("Cannot adapt a StringLookup that was created with a fixed vocabulary.");
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string token in data)
        {
            if (token is null)
            {
                throw new ArgumentException("The data contains a null token.", nameof(data));
            }

            CollectionsMarshal.GetValueRefOrAddDefault(counts, token, out _)++;
        }

        counts.Remove(OovToken);
        KeyValuePair<string, long>[] entries = [.. counts];
        Array.Sort(entries, static (a, b) =>
        {
            int byCount = b.Value.CompareTo(a.Value);
            return byCount != 0 ? byCount : CodePointComparer.Instance.Compare(b.Key, a.Key);
        });

        (_indexByToken, _vocabulary, _vocabularyView) = BuildTables(entries.Select(e => e.Key).ToList());
    }

    /// <summary>Returns the index of <paramref name="token"/>, or 0 when it is not in the vocabulary.</summary>
    /// <param name="token">The token to look up.</param>
    /// <returns>An index in <c>[0, VocabularySize)</c>.</returns>
    public int Lookup(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _indexByToken.TryGetValue(token, out int index) ? index : OovIndex;
    }

    /// <summary>Looks up every token of <paramref name="inputs"/>, writing 0 for unknown tokens.</summary>
    /// <param name="inputs">The tokens to look up.</param>
    /// <param name="indices">The destination; must have the same length as <paramref name="inputs"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void Lookup(ReadOnlySpan<string> inputs, Span<int> indices)
    {
        if (inputs.Length != indices.Length)
        {
            throw new ArgumentException(
                $"The destination has {indices.Length} elements but there are {inputs.Length} inputs.", nameof(indices));
        }

        Dictionary<string, int> indexByToken = _indexByToken;
        for (int i = 0; i < inputs.Length; i++)
        {
            string token = inputs[i] ?? throw new ArgumentException($"Input {i} is null.", nameof(inputs));
            indices[i] = indexByToken.TryGetValue(token, out int index) ? index : OovIndex;
        }
    }

    /// <summary>Returns whether <paramref name="token"/> is a vocabulary token (the <c>"[UNK]"</c> bucket is not one).</summary>
    /// <param name="token">The token to test.</param>
    /// <returns><see langword="true"/> when <see cref="Lookup(string)"/> gives a non-zero index.</returns>
    public bool Contains(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _indexByToken.ContainsKey(token);
    }

    /// <summary>Returns the vocabulary in index order, starting with <c>"[UNK]"</c> at index 0.</summary>
    /// <returns>A read-only list of <see cref="VocabularySize"/> tokens.</returns>
    public IReadOnlyList<string> GetVocabulary() => _vocabularyView;

    /// <summary>
    /// Maps an index back to its token, like a Keras <c>StringLookup(invert=True)</c>:
    /// index 0 and indices outside the vocabulary give <c>"[UNK]"</c>.
    /// </summary>
    /// <param name="index">The index to invert.</param>
    /// <returns>The token at <paramref name="index"/>, or <c>"[UNK]"</c>.</returns>
    public string Invert(int index) => (uint)index < (uint)_vocabulary.Length ? _vocabulary[index] : OovToken;

    private static (Dictionary<string, int> IndexByToken, string[] Vocabulary, ReadOnlyCollection<string> View) BuildTables(
        IReadOnlyList<string> tokens)
    {
        var vocabulary = new string[tokens.Count + 1];
        vocabulary[OovIndex] = OovToken;
        var indexByToken = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            vocabulary[i + 1] = tokens[i];
            indexByToken.Add(tokens[i], i + 1);
        }

        return (indexByToken, vocabulary, Array.AsReadOnly(vocabulary));
    }
}
