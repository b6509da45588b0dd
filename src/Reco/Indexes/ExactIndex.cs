using Reco.Data.Sources.Parquet;
namespace Reco.Indexes;

/// <summary>
/// Exact top-k by inner product: every item is scored with the SIMD GEMM kernels, 64 queries × 1,024
/// items at a time, each block of scores going straight into per-query heaps (no queries × items buffer).
/// Item blocks are spread over all cores, for a batch and for a single query alike.
/// </summary>
public sealed class ExactIndex : IVectorIndex
{
    /// <summary>Items per stored segment.</summary>
    internal const int SegmentLength = SegmentScan.ColumnBlock;

    /// <summary>
    /// Queries scored per pass over the catalogue: each 1,024-item segment is read once per pass and reused
    /// from L2 by all of the pass's queries, while the pass's query block stays small enough not to evict it.
    /// </summary>
    internal const int QueriesPerPass = 256;

    private const string ItemsBlob = IndexBlobs.ItemsBlob;
    private const string IdsBlob = IndexBlobs.IdsBlob;

    private readonly SegmentedItems _items;
    private readonly int[] _ids;
    private readonly int[] _allSegments;

    private ExactIndex(SegmentedItems items, int[] ids)
    {
        _items = items;
        _ids = ids;
        _allSegments = Enumerable.Range(0, items.SegmentCount).ToArray();
    }

    /// <inheritdoc/>
    public VectorIndexKind Kind => VectorIndexKind.Exact;

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public int Dimension => _items.Dimension;

    /// <inheritdoc/>
    public long MemoryBytes => ((long)_items.Data.Length * sizeof(float)) + ((long)_ids.Length * sizeof(int));

    /// <summary>Builds an exact index over <paramref name="items"/> (n × <paramref name="dimension"/>, row-major).</summary>
    /// <param name="items">Item vectors, row-major.</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="ids">Item ids (distinct), one per row; empty for 0 … n-1.</param>
    /// <exception cref="ArgumentException">The catalogue is empty, the shapes disagree, a value is not finite, or an id repeats.</exception>
    public static ExactIndex Build(ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids = default)
    {
        var (idArray, count) = IndexInput.Items(items, dimension, ids);
        return new ExactIndex(SegmentedItems.FromRows(items, dimension, SegmentedItems.Uniform(count, SegmentLength)), idArray);
    }

    /// <inheritdoc/>
    public unsafe void Search(ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found, SearchOptions? options = null)
        => ScanSearch.Run(this, _items, _ids, (_, _) => (_allSegments, null, null), queries, k, ids, scores, found, options, QueriesPerPass);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, byte[]> Export()
        => IndexBlobs.Pack(
            Kind,
            Count,
            Dimension,
            new Dictionary<string, string> { ["layout"] = "row-major" },
            new Dictionary<string, byte[]>
            {
                [ItemsBlob] = IndexBlobs.Bytes<float>(_items.ToRows()),
                [IdsBlob] = IndexBlobs.Bytes<int>(_ids),
            });

    /// <summary>No unmanaged resources; present for <see cref="IVectorIndex"/>.</summary>
    public void Dispose()
    {
    }

    internal static ExactIndex Import(IndexBlobs.IndexManifest manifest)
    {
        var rows = manifest.Vectors(ItemsBlob, manifest.Count);
        var ids = manifest.Ids(IdsBlob);
        return new ExactIndex(SegmentedItems.FromRows(rows, manifest.Dimension, SegmentedItems.Uniform(manifest.Count, SegmentLength)), ids);
    }
}
