namespace Reco.Indexes;

/// <summary>Allocating conveniences over <see cref="IVectorIndex.Search"/>.</summary>
public static class VectorIndexExtensions
{
    /// <summary>Searches a batch of queries (row-major) and returns the answers as a <see cref="SearchResults"/>; a k above the item count finds every item.</summary>
    public static SearchResults Search(this IVectorIndex index, ReadOnlySpan<float> queries, int k, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        int count = QueryCount(index, queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        // No query finds more than every item: a larger k only sizes empty result slots.
        k = Math.Min(k, Math.Max(index.Count, 1));
        var ids = new int[(long)count * k > int.MaxValue ? throw new ArgumentException("Too many queries × k for one call.", nameof(k)) : count * k];
        var scores = new float[ids.Length];
        var found = new int[count];
        index.Search(queries, k, ids, scores, found, options);
        return new SearchResults(count, k, ids, scores, found);
    }

    internal static int QueryCount(IVectorIndex index, ReadOnlySpan<float> queries)
    {
        if (queries.Length % index.Dimension != 0)
        {
            throw new ArgumentException(
                $"The queries hold {queries.Length} values, which is not a whole number of {index.Dimension}-d vectors.", nameof(queries));
        }

        return queries.Length / index.Dimension;
    }
}
