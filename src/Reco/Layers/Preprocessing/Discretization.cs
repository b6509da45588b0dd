using Reco.Data;

namespace Reco.Layers.Preprocessing;

/// <summary>
/// Buckets numbers by boundaries, as <c>tf.keras.layers.Discretization(bin_boundaries)</c>: with boundaries
/// b₀ &lt; b₁ &lt; … &lt; b_{n−1}, a value below b₀ goes to bucket 0, one in [b_{i−1}, b_i) to bucket i, and
/// one at or above b_{n−1} to bucket n, so there are n + 1 buckets (the embedding rows a following layer
/// needs). Boundaries come from the caller (TFRS buckets timestamps by <see cref="Uniform"/>, NumPy's
/// <c>linspace</c>) or from the data's quantiles (<see cref="Adapt"/>).
/// </summary>
public sealed class Discretization : IIndexLookup<double>
{
    private readonly double[] _boundaries;

    /// <summary>Creates the layer from ascending boundaries (repeated ones are merged).</summary>
    /// <exception cref="ArgumentException">There is no boundary, or one is not a finite number, or they are not ascending.</exception>
    public Discretization(IEnumerable<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        var values = boundaries.ToArray();
        if (values.Length == 0)
        {
            throw new ArgumentException("Give at least one bucket boundary.", nameof(boundaries));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || (i > 0 && values[i] < values[i - 1]))
            {
                throw new ArgumentException("Bucket boundaries must be finite numbers in ascending order.", nameof(boundaries));
            }
        }

        _boundaries = [.. values.Distinct()];
    }

    /// <summary>The boundaries, ascending.</summary>
    public IReadOnlyList<double> Boundaries => _boundaries;

    /// <summary>Number of buckets: boundaries + 1.</summary>
    public int VocabularySize => _boundaries.Length + 1;

    /// <summary><paramref name="count"/> evenly spaced boundaries from <paramref name="min"/> to <paramref name="max"/> inclusive (NumPy's <c>linspace</c>).</summary>
    public static Discretization Uniform(double min, double max, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(max >= min))
        {
            throw new ArgumentException("The largest boundary must not be below the smallest.", nameof(max));
        }

        var boundaries = new double[count];
        for (int i = 0; i < count; i++)
        {
            boundaries[i] = count == 1 ? min : min + ((max - min) * i / (count - 1));
        }

        boundaries[^1] = max;
        return new Discretization(boundaries);
    }

    /// <summary>
    /// Boundaries at the data's quantiles for <paramref name="buckets"/> buckets of about equal counts
    /// (Keras's <c>adapt</c> with <c>num_bins</c>, computed exactly rather than approximately).
    /// </summary>
    public static Discretization Adapt(IEnumerable<double> data, int buckets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 2);
        var sorted = data.ToArray();
        if (sorted.Length == 0 || sorted.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Adapt on at least one value, every one a finite number.", nameof(data));
        }

        Array.Sort(sorted);
        var boundaries = new double[buckets - 1];
        for (int i = 1; i < buckets; i++)
        {
            boundaries[i - 1] = sorted[(int)Math.Min(sorted.Length - 1, (long)sorted.Length * i / buckets)];
        }

        return new Discretization(boundaries);
    }

    /// <inheritdoc/>
    public int Lookup(double value)
    {
        // The number of boundaries at or below the value.
        int lo = 0, hi = _boundaries.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_boundaries[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <inheritdoc/>
    public void Lookup(ReadOnlySpan<double> inputs, Span<int> indices)
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
}
