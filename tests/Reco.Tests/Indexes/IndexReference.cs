using Reco.Indexes;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Indexes;

/// <summary>Naive double-precision search, the independent reference for every index.</summary>
internal static class IndexReference
{
    public static double Dot(float[] items, int item, float[] queries, int query, int d)
    {
        double sum = 0;
        for (int p = 0; p < d; p++)
        {
            sum += (double)items[(item * d) + p] * queries[(query * d) + p];
        }

        return sum;
    }

    /// <summary>The best k (id, score) pairs for a query, by descending score, ties to the lower id.</summary>
    public static (int Id, double Score)[] TopK(float[] items, int d, float[] queries, int query, int k, Func<int, bool>? allowed = null, int[]? ids = null)
    {
        int n = items.Length / d;
        return [.. Enumerable.Range(0, n)
            .Select(i => (Id: ids?[i] ?? i, Score: Dot(items, i, queries, query, d)))
            .Where(p => allowed?.Invoke(p.Id) ?? true)
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
            .Take(k)];
    }

    /// <summary>Fraction of the reference top-k that the results found.</summary>
    public static double Recall(SearchResults results, float[] items, int d, float[] queries, int k)
    {
        int queryCount = queries.Length / d;
        double hits = 0, total = 0;
        for (int q = 0; q < queryCount; q++)
        {
            var truth = TopK(items, d, queries, q, k).Select(p => p.Id).ToHashSet();
            total += truth.Count;
            foreach (int id in results.Ids(q))
            {
                hits += truth.Contains(id) ? 1 : 0;
            }
        }

        return hits / total;
    }

    public static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    public static IVectorIndex Build(string kind, float[] items, int d, int[]? ids = null) => kind switch
    {
        "exact" => ExactIndex.Build(items, d, ids),
        "ivf" => IvfIndex.Build(items, d, ids, new IvfOptions { Probes = 4 }),
        _ => HnswIndex.Build(items, d, ids, new HnswOptions { Connectivity = 16, Expansion = 64 }),
    };

    /// <summary>Kinds to run: HNSW only where its native library loads (checked separately when it does not).</summary>
    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string> { "exact", "ivf" };
        if (HnswIndex.IsAvailable)
        {
            data.Add("hnsw");
        }

        return data;
    }
}
