namespace Reco.Indexes;

/// <summary>
/// <see cref="SearchOptions"/> resolved for one batch: each query's sorted exclusion list fetched and checked
/// once, and the position → id map, so a candidate's eligibility is a few lookups.
/// </summary>
internal sealed class QueryRestrictions
{
    private readonly ReadOnlyMemory<int>[]? _excluded;
    private readonly Func<int, int, bool>? _exclude;
    private readonly Func<int, bool>? _filter;

    private QueryRestrictions(ReadOnlyMemory<int>[]? excluded, Func<int, int, bool>? exclude, Func<int, bool>? filter)
    {
        _excluded = excluded;
        _exclude = exclude;
        _filter = filter;
    }

    /// <summary>Restrictions for queries [first, first + count) of the caller's batch, or null when there are none.</summary>
    public static QueryRestrictions? Resolve(SearchOptions? options, int first, int count)
    {
        if (options is null || (options.ExcludedIds is null && options.Exclude is null && options.Filter is null))
        {
            return null;
        }

        ReadOnlyMemory<int>[]? excluded = null;
        if (options.ExcludedIds is { } lists)
        {
            excluded = new ReadOnlyMemory<int>[count];
            for (int q = 0; q < count; q++)
            {
                var list = lists(first + q);
                var span = list.Span;
                for (int i = 1; i < span.Length; i++)
                {
                    if (span[i] < span[i - 1])
                    {
                        throw new ArgumentException($"The excluded ids of query {first + q} are not sorted ascending.", nameof(options));
                    }
                }

                excluded[q] = list;
            }
        }

        Func<int, int, bool>? exclude = options.Exclude is { } predicate ? (q, id) => predicate(first + q, id) : null;
        return new QueryRestrictions(excluded, exclude, options.Filter);
    }

    /// <summary>Whether item <paramref name="id"/> may be returned for query row <paramref name="query"/> (batch-relative).</summary>
    public bool Allows(int query, int id)
    {
        if (_filter is not null && !_filter(id))
        {
            return false;
        }

        if (_excluded is not null && _excluded[query].Length > 0 && _excluded[query].Span.BinarySearch(id) >= 0)
        {
            return false;
        }

        return _exclude is null || !_exclude(query, id);
    }
}
