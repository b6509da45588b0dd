namespace Reco.Indexes;

/// <summary>
/// Entry points for building and loading any <see cref="IVectorIndex"/> by kind name
/// (<c>exact</c>, <c>hnsw</c>, <c>ivf</c> or <c>auto</c>).
/// </summary>
public static class VectorIndex
{
    /// <summary>The kind names accepted by <see cref="Build(string, ReadOnlySpan{float}, int, ReadOnlySpan{int}, VectorIndexOptions?)"/>.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["exact", "hnsw", "ivf", "auto"];

    /// <summary>Parses <c>exact</c>, <c>hnsw</c> or <c>ivf</c> (any case).</summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static VectorIndexKind ParseKind(string? name) => name?.ToLowerInvariant() switch
    {
        "exact" => VectorIndexKind.Exact,
        "hnsw" => VectorIndexKind.Hnsw,
        "ivf" => VectorIndexKind.Ivf,
        _ => throw new ArgumentException($"Unknown index kind \"{name}\"; expected exact, hnsw or ivf.", nameof(name)),
    };

    /// <summary>
    /// Builds an index of the named kind; <c>auto</c> applies <see cref="VectorIndexSelector"/>'s rule.
    /// </summary>
    /// <param name="kind"><c>exact</c>, <c>hnsw</c>, <c>ivf</c> or <c>auto</c>.</param>
    /// <param name="items">Item vectors, n × <paramref name="dimension"/>, row-major.</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="ids">Distinct item ids, one per row; empty for 0 … n-1.</param>
    /// <param name="options">Per-kind settings, or <see langword="null"/> for the defaults.</param>
    public static IVectorIndex Build(string kind, ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids = default, VectorIndexOptions? options = null)
    {
        options ??= new VectorIndexOptions();
        if (string.Equals(kind, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return VectorIndexSelector.Build(items, dimension, ids, options).Index;
        }

        return ParseKind(kind) switch
        {
            VectorIndexKind.Exact => ExactIndex.Build(items, dimension, ids),
            VectorIndexKind.Ivf => IvfIndex.Build(items, dimension, ids, options.Ivf),
            _ => HnswIndex.Build(items, dimension, ids, options.Hnsw),
        };
    }

    /// <summary>
    /// Recreates an index from the blobs of <see cref="IVectorIndex.Export"/>, whatever its kind.
    /// </summary>
    /// <exception cref="InvalidDataException">A blob is missing, truncated, altered, or does not fit the others.</exception>
    public static IVectorIndex Import(IReadOnlyDictionary<string, byte[]> blobs) => FromManifest(IndexBlobs.Read(blobs));

    /// <summary>
    /// The kind, shape and settings an exported index records, after checking every blob against its
    /// manifest (as <see cref="Import"/> does, without building the index).
    /// </summary>
    /// <exception cref="InvalidDataException">A blob is missing, truncated, altered, or does not fit the others.</exception>
    public static VectorIndexDescription Describe(IReadOnlyDictionary<string, byte[]> blobs)
    {
        var manifest = IndexBlobs.Read(blobs);
        return new VectorIndexDescription(manifest.Kind, manifest.Count, manifest.Dimension, new Dictionary<string, string>(manifest.Parameters, StringComparer.Ordinal));
    }

    internal static IVectorIndex FromManifest(IndexBlobs.IndexManifest manifest)
    {
        return manifest.Kind switch
        {
            VectorIndexKind.Exact => ExactIndex.Import(manifest),
            VectorIndexKind.Ivf => IvfIndex.Import(manifest),
            _ => HnswIndex.Import(manifest),
        };
    }
}

/// <summary>What an exported index records about itself.</summary>
/// <param name="Kind">How it searches.</param>
/// <param name="Count">Number of items.</param>
/// <param name="Dimension">Vector length.</param>
/// <param name="Parameters">Its settings (IVF lists and probes, HNSW metric and graph sizes, …), as text.</param>
public sealed record VectorIndexDescription(VectorIndexKind Kind, int Count, int Dimension, IReadOnlyDictionary<string, string> Parameters);
