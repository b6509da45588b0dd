using Reco.Data.Sources.Parquet;
namespace Reco.Indexes;

/// <summary>Answers to a batch of queries: for each, item ids and scores, best first.</summary>
public sealed class SearchResults
{
    private readonly int[] _ids;
    private readonly float[] _scores;
    private readonly int[] _found;

    internal SearchResults(int queries, int k, int[] ids, float[] scores, int[] found)
    {
        QueryCount = queries;
        K = k;
        _ids = ids;
        _scores = scores;
        _found = found;
    }

    /// <summary>Number of queries answered.</summary>
    public int QueryCount { get; }

    /// <summary>Result slots per query: the k asked for, at most the index's item count.</summary>
    public int K { get; }

    /// <summary>Number of results found for <paramref name="query"/> (at most <see cref="K"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="query"/> is not one of the queries.</exception>
    public int Found(int query) => _found[Checked(query)];

    /// <summary>Item ids for <paramref name="query"/>, best first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="query"/> is not one of the queries.</exception>
    public ReadOnlySpan<int> Ids(int query) => _ids.AsSpan(Checked(query) * K, _found[query]);

    /// <summary>Dot products for <paramref name="query"/>, descending, aligned with <see cref="Ids"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="query"/> is not one of the queries.</exception>
    public ReadOnlySpan<float> Scores(int query) => _scores.AsSpan(Checked(query) * K, _found[query]);

    private int Checked(int query) => (uint)query < (uint)QueryCount
        ? query
        : throw new ArgumentOutOfRangeException(nameof(query), query, $"There are {QueryCount} queries, numbered from 0.");
}
