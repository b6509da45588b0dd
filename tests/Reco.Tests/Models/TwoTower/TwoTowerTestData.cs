using Reco.Data;
using Reco.Models.TwoTower;

namespace Reco.Tests.Models.TwoTower;

/// <summary>Clustered interactions and double-precision references for the two-tower tests.</summary>
internal static class TwoTowerTestData
{
    /// <summary>Users u0… and items i0… in four clusters (user u likes items i with i % 4 == u % 4), as implicit interactions.</summary>
    public static Interactions Clustered(int users = 40, int items = 40, int perUser = 12, int seed = 1) =>
        Interactions.From(TestData.ClusteredInteractions(users, items, clusters: 4, perUser, seed).Select(p => (p.User, p.Item, 1f, 0L)));

    /// <summary>The cluster of an id such as <c>u13</c> or <c>i7</c>.</summary>
    public static int Cluster(string id) => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % 4;

    /// <summary>Every score of <paramref name="model"/>, user by user.</summary>
    public static float[][] AllScores(TwoTowerModel<string, string> model)
    {
        var train = model.TrainingData!;
        return [.. Enumerable.Range(0, train.UserCount).Select(u =>
        {
            var scores = new float[train.ItemCount];
            model.ScoreItems(u, scores);
            return scores;
        })];
    }

    /// <summary>The share of the users' top-<paramref name="k"/> items (seen ones included) that are of the user's own cluster.</summary>
    public static double OwnClusterShare(Reco.Models.IRecommender model, int k)
    {
        var train = model.TrainingData!;
        int own = 0, all = 0;
        for (int u = 0; u < train.UserCount; u++)
        {
            foreach (var item in Reco.Models.RecommenderExtensions.Recommend(model, u, k, excludeSeen: false))
            {
                own += Cluster(train.Items[item.Item]) == Cluster(train.Users[u]) ? 1 : 0;
                all++;
            }
        }

        return (double)own / all;
    }

    /// <summary>A row of embeddings as doubles.</summary>
    public static double[] Embed<T>(Reco.Layers.ITower<T> tower, T input)
    {
        var output = new float[tower.OutputDim];
        tower.Call([input], output);
        return [.. output.Select(v => (double)v)];
    }

    /// <summary>
    /// TFRS's factorized top-k accuracy of <paramref name="pairs"/> over <paramref name="catalogue"/>, in double from
    /// the towers' embeddings: a pair is a hit at k when fewer than k candidates score above its positive. Also
    /// how many pairs have a candidate within 10⁻⁵ of the positive, where float rounding may decide differently.
    /// </summary>
    public static (double[] Rates, int Ambiguous) TopKByHand<TQuery, TCandidate>(
        Reco.Layers.ITower<TQuery> queryTower,
        Reco.Layers.ITower<TCandidate> candidateTower,
        IReadOnlyList<(TQuery Query, TCandidate Candidate)> pairs,
        IReadOnlyList<TCandidate> catalogue,
        int[] ks)
        where TCandidate : notnull
    {
        var candidates = catalogue.Select(c => Embed(candidateTower, c)).ToArray();
        var hits = new int[ks.Length];
        int ambiguous = 0;
        foreach (var (query, positive) in pairs)
        {
            var q = Embed(queryTower, query);
            double target = Dot(q, Embed(candidateTower, positive));
            var scores = candidates.Select(c => Dot(q, c)).ToArray();
            int above = scores.Count(s => s > target);
            if (scores.Where((s, j) => !EqualityComparer<TCandidate>.Default.Equals(catalogue[j], positive)).Any(s => Math.Abs(s - target) <= 1e-5 * (1 + Math.Abs(target))))
            {
                ambiguous++;
            }

            for (int k = 0; k < ks.Length; k++)
            {
                hits[k] += above < ks[k] ? 1 : 0;
            }
        }

        return ([.. hits.Select(h => (double)h / pairs.Count)], ambiguous);
    }

    public static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    public static double Cosine(double[] a, double[] b) => Dot(a, b) / Math.Sqrt(Dot(a, a) * Dot(b, b));

    /// <summary>
    /// TFRS's in-batch softmax loss of one batch, summed, in double: logits s_ij = q_i·c_j / temperature; with
    /// accidental-hit removal, column j ≠ i is left out of row i when candidate j is candidate i.
    /// </summary>
    public static double InBatchLoss(double[][] queries, double[][] candidates, string[] candidateIds, bool removeAccidentalHits, double temperature = 1)
    {
        double loss = 0;
        for (int i = 0; i < queries.Length; i++)
        {
            var logits = new List<double>();
            for (int j = 0; j < candidates.Length; j++)
            {
                if (j == i || !removeAccidentalHits || candidateIds[j] != candidateIds[i])
                {
                    logits.Add(Dot(queries[i], candidates[j]) / temperature);
                }
            }

            double max = logits.Max();
            loss += max + Math.Log(logits.Sum(s => Math.Exp(s - max))) - (Dot(queries[i], candidates[i]) / temperature);
        }

        return loss;
    }
}
