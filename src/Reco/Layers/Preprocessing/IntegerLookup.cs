using Reco.Data;

namespace Reco.Layers.Preprocessing;

/// <summary>
/// Maps whole numbers to indices, as <c>tf.keras.layers.IntegerLookup(mask_token=None)</c>: index 0 is the
/// out-of-vocabulary bucket and known values take 1 and up, in the order of an explicit vocabulary or, after
/// <see cref="Adapt"/>, most frequent first (ties: larger value first, as Keras).
/// </summary>
public sealed class IntegerLookup : IIndexLookup<long>
{
    private Dictionary<long, int> _index = [];
    private long[] _vocabulary = [];

    /// <summary>Creates an empty lookup; call <see cref="Adapt"/>.</summary>
    public IntegerLookup()
    {
    }

    /// <summary>Creates a lookup with a fixed vocabulary: the first value gets index 1.</summary>
    /// <exception cref="ArgumentException">The vocabulary repeats a value.</exception>
    public IntegerLookup(IEnumerable<long> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Set([.. vocabulary]);
    }

    /// <inheritdoc/>
    public int VocabularySize => _vocabulary.Length + 1;

    /// <summary>The vocabulary in index order, starting at index 1.</summary>
    public IReadOnlyList<long> Values => _vocabulary;

    /// <summary>Replaces the vocabulary with the distinct values of <paramref name="data"/>, most frequent first.</summary>
    public void Adapt(IEnumerable<long> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Set(Vocabulary.ByFrequency(data, Comparer<long>.Default));
    }

    /// <inheritdoc/>
    public int Lookup(long value) => _index.TryGetValue(value, out int index) ? index : 0;

    /// <inheritdoc/>
    public void Lookup(ReadOnlySpan<long> inputs, Span<int> indices)
    {
        if (inputs.Length != indices.Length)
        {
            throw new ArgumentException($"The destination has {indices.Length} elements but there are {inputs.Length} inputs.", nameof(indices));
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            indices[i] = Lookup(inputs[i]);
        }
    }

    private void Set(IReadOnlyList<long> values)
    {
        var index = new Dictionary<long, int>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (!index.TryAdd(values[i], i + 1))
            {
                throw new ArgumentException($"The vocabulary repeats the value {values[i]}; each value must appear once.", nameof(values));
            }
        }

        _index = index;
        _vocabulary = [.. values];
    }
}
