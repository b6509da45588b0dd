using Reco.Layers;
using Reco.Numerics;

namespace Reco.Indexes;

/// <summary>
/// Exact top-k retrieval by scoring a query against every indexed candidate, as TFRS's
/// <c>tfrs.layers.factorized_top_k.BruteForce</c>: index candidate embeddings with their identifiers,
/// then query with a raw query feature that the query tower embeds.
/// </summary>
/// <typeparam name="TQuery">The query feature (for example the user id).</typeparam>
/// <typeparam name="TIdentifier">The candidate identifier returned (for example the movie title).</typeparam>
public sealed class BruteForce<TQuery, TIdentifier>
{
    private TIdentifier[] _identifiers = [];
    private float[] _candidatesT = [];
    private int _count;

    /// <summary>Creates an index that embeds queries with <paramref name="queryModel"/>.</summary>
    /// <param name="queryModel">The query tower.</param>
    /// <param name="k">Default number of results per query (TFRS's default is 10).</param>
    public BruteForce(ITower<TQuery> queryModel, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(queryModel);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        QueryModel = queryModel;
        K = k;
    }

    /// <summary>The query tower.</summary>
    public ITower<TQuery> QueryModel { get; }

    /// <summary>Default number of results per query.</summary>
    public int K { get; }

    /// <summary>Number of indexed candidates.</summary>
    public int Count => _count;

    /// <summary>Replaces the index with <paramref name="identifiers"/> and their embeddings (one row each).</summary>
    public BruteForce<TQuery, TIdentifier> Index(IReadOnlyList<TIdentifier> identifiers, EmbeddingMatrix candidates)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        ArgumentNullException.ThrowIfNull(candidates);
        if (identifiers.Count != candidates.Count)
        {
            throw new ArgumentException($"{identifiers.Count} identifiers but {candidates.Count} embeddings.", nameof(identifiers));
        }

        if (candidates.Dimension != QueryModel.OutputDim)
        {
            throw new ArgumentException($"Candidates are {candidates.Dimension}-d but queries are {QueryModel.OutputDim}-d.", nameof(candidates));
        }

        int n = candidates.Count;
        int d = candidates.Dimension;
        var transposed = new float[d * n];
        for (int c = 0; c < n; c++)
        {
            var row = candidates[c];
            for (int k = 0; k < d; k++)
            {
                transposed[(k * n) + c] = row[k];
            }
        }

        _identifiers = [.. identifiers];
        _candidatesT = transposed;
        _count = n;
        return this;
    }

    /// <summary>
    /// Indexes every candidate embedded by <paramref name="candidateModel"/>, like
    /// <c>index.index_from_dataset(movies.map(lambda t: (t, movie_model(t))))</c>.
    /// </summary>
    public BruteForce<TQuery, TIdentifier> IndexFrom(IReadOnlyList<TIdentifier> candidates, ITower<TIdentifier> candidateModel)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(candidateModel);
        var array = candidates as TIdentifier[] ?? [.. candidates];
        var data = new float[array.Length * candidateModel.OutputDim];
        candidateModel.Call(array, data);
        return Index(array, new EmbeddingMatrix(array.Length, candidateModel.OutputDim, data));
    }

    /// <summary>The <paramref name="k"/> best candidates for one query, best first.</summary>
    /// <param name="query">The raw query feature.</param>
    /// <param name="k">Results wanted (default <see cref="K"/>).</param>
    /// <param name="exclude">Identifiers never to return (for example what the user already saw).</param>
    public TopKResult<TIdentifier> Query(TQuery query, int? k = null, ISet<TIdentifier>? exclude = null)
        => Query([query], k, exclude is null ? null : _ => exclude)[0];

    /// <summary>The best candidates for each query, best first; <paramref name="exclude"/> gives per-query exclusions.</summary>
    public IReadOnlyList<TopKResult<TIdentifier>> Query(IReadOnlyList<TQuery> queries, int? k = null, Func<int, ISet<TIdentifier>?>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (_count == 0)
        {
            throw new InvalidOperationException("The index is empty: call Index or IndexFrom first.");
        }

        int want = k ?? K;
        ArgumentOutOfRangeException.ThrowIfLessThan(want, 1, nameof(k));
        int d = QueryModel.OutputDim;
        var array = queries as TQuery[] ?? [.. queries];
        var q = new float[array.Length * d];
        QueryModel.Call(array, q);
        var scores = new float[array.Length * _count];
        Gemm.MultiplyParallel(array.Length, _count, d, q, d, 1, _candidatesT, _count, scores, _count, accumulate: false);

        var results = new TopKResult<TIdentifier>[array.Length];
        Parallel.For(0, array.Length, i =>
        {
            var row = scores.AsSpan(i * _count, _count);
            var excluded = exclude?.Invoke(i);
            var best = new int[Math.Min(want, _count)];
            int found = excluded is null || excluded.Count == 0
                ? TopK.Select(row, best)
                : TopK.Select(row, best, c => excluded.Contains(_identifiers[c]));
            var ids = new TIdentifier[found];
            var values = new float[found];
            for (int r = 0; r < found; r++)
            {
                ids[r] = _identifiers[best[r]];
                values[r] = row[best[r]];
            }

            results[i] = new TopKResult<TIdentifier>(values, ids);
        });
        return results;
    }
}
