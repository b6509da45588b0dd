using Reco.Data;
using Reco.Models;

namespace Reco.Bench.Classic;

/// <summary>The few figures the classic benchmarks print (the library's evaluation module is separate).</summary>
internal static class ClassicMetrics
{
    public static (double Rmse, double Mae) Rating(IRatingPredictor model, Interactions test)
    {
        double se = 0, ae = 0;
        for (int row = 0; row < test.Count; row++)
        {
            double e = model.Predict(test.UserIndices[row], test.ItemIndices[row]) - test.Ratings[row];
            se += e * e;
            ae += Math.Abs(e);
        }

        return (Math.Sqrt(se / test.Count), ae / test.Count);
    }

    /// <summary>Mean precision@k and nDCG@k (binary relevance) over users with test rows, training items excluded.</summary>
    public static (double Precision, double Ndcg) TopK(IRecommender model, Interactions test, int k)
    {
        var relevant = test.ByUser();
        var users = Enumerable.Range(0, relevant.UserCount).Where(u => relevant.ItemsOf(u).Length > 0).ToArray();
        double precision = 0, ndcg = 0;
        var locker = new object();
        Parallel.ForEach(users, u =>
        {
            var top = model.Recommend(u, k);
            var rel = relevant.ItemsOf(u);
            int hits = 0;
            double dcg = 0, ideal = 0;
            for (int r = 0; r < top.Count; r++)
            {
                if (rel.BinarySearch(top[r].Item) >= 0)
                {
                    hits++;
                    dcg += 1 / Math.Log2(r + 2);
                }
            }

            for (int r = 0; r < Math.Min(k, rel.Length); r++)
            {
                ideal += 1 / Math.Log2(r + 2);
            }

            lock (locker)
            {
                precision += (double)hits / k;
                ndcg += dcg / ideal;
            }
        });
        return (precision / users.Length, ndcg / users.Length);
    }
}
