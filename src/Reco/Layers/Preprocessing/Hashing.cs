using System.Text;
using Reco.Data;

namespace Reco.Layers.Preprocessing;

/// <summary>
/// Hashes strings into a fixed number of bins, as <c>tf.keras.layers.Hashing(num_bins)</c>: no vocabulary
/// to learn or store, at the price of collisions. The hash is 64-bit FNV-1a of the UTF-8 bytes (with an
/// optional salt), stable across runs and machines; it is not Keras's FarmHash, so bins differ from
/// TensorFlow's.
/// </summary>
public sealed class Hashing : IIndexLookup<string>
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private readonly ulong _start;

    /// <summary>Creates the layer.</summary>
    /// <param name="bins">Number of bins (the embedding rows a following layer needs).</param>
    /// <param name="salt">Mixed into every hash, to draw a different assignment of values to bins (0: plain FNV-1a).</param>
    public Hashing(int bins, ulong salt = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        Bins = bins;
        _start = salt == 0 ? OffsetBasis : Mix(OffsetBasis, salt);
    }

    /// <summary>Number of bins.</summary>
    public int Bins { get; }

    /// <inheritdoc/>
    public int VocabularySize => Bins;

    /// <inheritdoc/>
    public int Lookup(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> buffer = stackalloc byte[256];
        int length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = length <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(value, buffer)] : Encoding.UTF8.GetBytes(value);
        ulong hash = _start;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return (int)(hash % (ulong)Bins);
    }

    /// <inheritdoc/>
    public void Lookup(ReadOnlySpan<string> inputs, Span<int> indices)
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

    private static ulong Mix(ulong hash, ulong salt)
    {
        for (int i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(salt >> (8 * i))) * Prime;
        }

        return hash;
    }
}
