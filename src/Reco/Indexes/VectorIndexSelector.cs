using System.Globalization;

namespace Reco.Indexes;

/// <summary>What <see cref="VectorIndexSelector.Build"/> chose, and why.</summary>
/// <param name="Index">The built index.</param>
/// <param name="Reason">One line explaining the choice, with the measured figures.</param>
public sealed record VectorIndexSelection(IVectorIndex Index, string Reason);

/// <summary>
/// The <c>auto</c> rule. Below <see cref="VectorIndexOptions.ExactBelow"/> items (default 200,000) the exact
/// index is chosen: its blocked scan answers batched queries fast enough there and is never wrong. Above,
/// an IVF index is built with its probes calibrated to <see cref="VectorIndexOptions.TargetRecall"/> on
/// user-like sample queries (each the sum of three random items); the same sample is then answered by the
/// IVF index and by an exact scan of the same data, and IVF is kept only when it measured at least twice as
/// fast; otherwise the exact index is built instead. HNSW is never chosen automatically: on inner-product
/// data it measured slower than IVF at the same recall (docs/benchmarks.md) and it needs a native library.
/// </summary>
public static class VectorIndexSelector
{
    /// <summary>IVF must be at least this many times faster than the exact scan on the sample to be chosen.</summary>
    public const double RequiredSpeedup = 2.0;

    /// <summary>Builds the index the rule picks for these items.</summary>
    public static VectorIndexSelection Build(ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids, VectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = dimension > 0 ? items.Length / dimension : 0;
        if (n < options.ExactBelow)
        {
            return new(ExactIndex.Build(items, dimension, ids), string.Create(CultureInfo.InvariantCulture, $"exact: {n} items, below the {options.ExactBelow} threshold"));
        }

        var ivf = IvfIndex.Build(items, dimension, ids, options.Ivf with { TargetRecall = options.TargetRecall, Probes = options.Ivf.Probes });
        var sample = IvfIndex.SampleQueries(items, dimension, options.Ivf.Seed + 7);
        double recall = ivf.Recall(sample, ivf.Probes);
        var (ivfSeconds, exactSeconds) = ivf.TimeAgainstExact(sample);
        double speedup = exactSeconds / Math.Max(ivfSeconds, 1e-9);
        string figures = string.Create(
            CultureInfo.InvariantCulture,
            $"{n} items, IVF {ivf.Lists} lists × {ivf.Probes} probes: recall@10 {recall:F3} on {sample.Length / dimension} sample queries, {speedup:F1}× the exact scan's speed");
        if (speedup >= RequiredSpeedup && recall >= options.TargetRecall)
        {
            return new(ivf, "ivf: " + figures);
        }

        ivf.Dispose();
        return new(ExactIndex.Build(items, dimension, ids), "exact: " + figures);
    }
}
