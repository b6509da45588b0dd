namespace Reco.Indexes;

/// <summary>
/// Per-search restrictions for <see cref="IVectorIndex.Search"/>. Every callback is invoked from the
/// searching threads, possibly concurrently, and only for candidates good enough to enter a result list,
/// so even a slow predicate costs little. All of them speak in item ids (the ids given at build time).
/// </summary>
public sealed class SearchOptions
{
    /// <summary>
    /// Per query (by its row in the batch), item ids that must not be returned, sorted ascending
    /// (for example the items the user has already seen). An unsorted list is an error.
    /// </summary>
    public Func<int, ReadOnlyMemory<int>>? ExcludedIds { get; init; }

    /// <summary>Per-query exclusion as a predicate: (query row, item id) → <see langword="true"/> to leave the item out.</summary>
    public Func<int, int, bool>? Exclude { get; init; }

    /// <summary>
    /// Candidate filter shared by every query: item id → <see langword="true"/> when the item may be returned
    /// (for example items in stock). An approximate index may return fewer than k results under a very
    /// selective filter.
    /// </summary>
    public Func<int, bool>? Filter { get; init; }
}
