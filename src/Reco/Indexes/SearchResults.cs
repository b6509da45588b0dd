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

    /// <summary>Results asked for per query.</summary>
    public int K { get; }

    /// <summary>Number of results found for <paramref name="query"/> (at most <see cref="K"/>).</summary>
    public int Found(int query) => _found[query];

    /// <summary>Item ids for <paramref name="query"/>, best first.</summary>
    public ReadOnlySpan<int> Ids(int query) => _ids.AsSpan(query * K, _found[query]);

    /// <summary>Dot products for <paramref name="query"/>, descending, aligned with <see cref="Ids"/>.</summary>
    public ReadOnlySpan<float> Scores(int query) => _scores.AsSpan(query * K, _found[query]);
}
