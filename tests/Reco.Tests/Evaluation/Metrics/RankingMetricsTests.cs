using Reco.Evaluation;
using Reco.Evaluation.Metrics;

namespace Reco.Tests.Evaluation.Metrics;

public class RankingMetricsTests
{
    private static RankedList List(float[] scores, params int[] relevant)
        => new(Enumerable.Range(0, scores.Length).ToArray(), scores, relevant.ToDictionary(i => i, _ => 1.0));

    [Fact]
    public void HandWorkedListWithoutTies()
    {
        // Items 0…5 ranked in index order; items 1 and 3 are relevant.
        var list = List([6, 5, 4, 3, 2, 1], 1, 3);
        Assert.Equal(1.0 / 3, RankingMetrics.Precision(list, 3), 12);
        Assert.Equal(0.5, RankingMetrics.Recall(list, 3), 12);
        Assert.Equal(1.0, RankingMetrics.HitRate(list, 3), 12);
        Assert.Equal(0.0, RankingMetrics.HitRate(list, 1), 12);
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(list, 3), 12);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(list, 1), 12);
        Assert.Equal(0.5 * 0.5, RankingMetrics.AveragePrecision(list, 3), 12);
        Assert.Equal(0.5 * ((1.0 / 2) + (2.0 / 4)), RankingMetrics.AveragePrecision(list, 6), 12);
        Assert.Equal((1 / Math.Log2(3)) / (1 + (1 / Math.Log2(3))), RankingMetrics.Ndcg(list, 3), 12);
        Assert.Equal(5.0 / 8, RankingMetrics.Auc(list), 12);
    }

    [Fact]
    public void HandWorkedAllTied()
    {
        // Four items with equal scores, item 2 relevant: every position is equally likely.
        var list = List([1, 1, 1, 1], 2);
        Assert.Equal(0.25, RankingMetrics.Precision(list, 1), 12);
        Assert.Equal(0.5, RankingMetrics.HitRate(list, 2), 12);
        double meanReciprocal = (1 + (1.0 / 2) + (1.0 / 3) + (1.0 / 4)) / 4;
        Assert.Equal(meanReciprocal, RankingMetrics.ReciprocalRank(list, 4), 12);
        Assert.Equal(meanReciprocal, RankingMetrics.AveragePrecision(list, 4), 12);
        Assert.Equal(0.25, RankingMetrics.Ndcg(list, 1), 12);
        Assert.Equal(0.25 * (1 + (1 / Math.Log2(3)) + 0.5 + (1 / Math.Log2(5))), RankingMetrics.Ndcg(list, 4), 12);
        Assert.Equal(0.5, RankingMetrics.Auc(list), 12);
    }

    [Fact]
    public void AucCountsTiedPairsAsHalf()
    {
        // Relevant 0 ties with irrelevant 1 and beats irrelevant 2: (0.5 + 1) / 2.
        Assert.Equal(0.75, RankingMetrics.Auc(List([2, 2, 1], 0)), 12);
    }

    [Fact]
    public void GradedNdcgUsesTheGains()
    {
        // Gains 3 (item 1) and 1 (item 0), ranked 0 then 1: DCG = 1 + 3/log2(3); ideal = 3 + 1/log2(3).
        var list = new RankedList([0, 1, 2], [3, 2, 1], new Dictionary<int, double> { [0] = 1, [1] = 3 });
        Assert.Equal((1 + (3 / Math.Log2(3))) / (3 + (1 / Math.Log2(3))), RankingMetrics.Ndcg(list, 3), 12);
    }

    [Fact]
    public void PerfectRankingScoresOneAndReversedTheMinimum()
    {
        var perfect = List([5, 4, 3, 2, 1], 0, 1);
        var reversed = List([1, 2, 3, 4, 5], 0, 1);
        Assert.Equal(1, RankingMetrics.Ndcg(perfect, 2), 12);
        Assert.Equal(1, RankingMetrics.Precision(perfect, 2), 12);
        Assert.Equal(1, RankingMetrics.AveragePrecision(perfect, 5), 12);
        Assert.Equal(1, RankingMetrics.ReciprocalRank(perfect, 5), 12);
        Assert.Equal(1, RankingMetrics.Auc(perfect), 12);
        Assert.Equal(0, RankingMetrics.Auc(reversed), 12);
        Assert.Equal(0, RankingMetrics.Precision(reversed, 3), 12);
        Assert.Equal(0, RankingMetrics.Ndcg(reversed, 3), 12);
    }

    [Fact]
    public void TieAwareValuesEqualTheAverageOverEveryTieOrder()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = random.Next(2, 7);
            var scores = Enumerable.Range(0, n).Select(_ => (float)random.Next(3)).ToArray();
            var relevant = Enumerable.Range(0, n).Where(_ => random.NextDouble() < 0.4).ToArray();
            if (relevant.Length == 0)
            {
                relevant = [random.Next(n)];
            }

            var list = List(scores, relevant);
            var orders = Permutations(Enumerable.Range(0, n).ToArray())
                .Where(p => Enumerable.Range(1, n - 1).All(i => scores[p[i - 1]] >= scores[p[i]]))
                .ToArray();
            foreach (int k in new[] { 1, 2, 3, n })
            {
                Assert.Equal(orders.Average(o => NaivePrecision(o, relevant, k)), RankingMetrics.Precision(list, k), 10);
                Assert.Equal(orders.Average(o => NaiveHit(o, relevant, k)), RankingMetrics.HitRate(list, k), 10);
                Assert.Equal(orders.Average(o => NaiveReciprocal(o, relevant, k)), RankingMetrics.ReciprocalRank(list, k), 10);
                Assert.Equal(orders.Average(o => NaiveAp(o, relevant, k)), RankingMetrics.AveragePrecision(list, k), 10);
                Assert.Equal(orders.Average(o => NaiveNdcg(o, relevant, k)), RankingMetrics.Ndcg(list, k), 10);
            }

            Assert.Equal(orders.Average(o => NaiveAucStrict(o, relevant, scores)), RankingMetrics.Auc(list), 10);
        }
    }

    [Fact]
    public void MetricsDoNotDependOnItemLabels()
    {
        var random = new Random(9);
        var scores = Enumerable.Range(0, 30).Select(_ => (float)random.Next(8)).ToArray();
        int[] relevant = [1, 4, 7, 20];
        var permutation = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).ToArray();
        var relabelledScores = new float[30];
        for (int i = 0; i < 30; i++)
        {
            relabelledScores[permutation[i]] = scores[i];
        }

        var a = List(scores, relevant);
        var b = List(relabelledScores, [.. relevant.Select(i => permutation[i])]);
        foreach (int k in new[] { 1, 5, 10 })
        {
            Assert.Equal(RankingMetrics.Ndcg(a, k), RankingMetrics.Ndcg(b, k), 12);
            Assert.Equal(RankingMetrics.Precision(a, k), RankingMetrics.Precision(b, k), 12);
            Assert.Equal(RankingMetrics.AveragePrecision(a, k), RankingMetrics.AveragePrecision(b, k), 12);
            Assert.Equal(RankingMetrics.HitRate(a, k), RankingMetrics.HitRate(b, k), 12);
        }

        Assert.Equal(RankingMetrics.Auc(a), RankingMetrics.Auc(b), 12);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (int i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    private static double NaivePrecision(int[] order, int[] relevant, int k) => order.Take(k).Count(relevant.Contains) / (double)k;

    private static double NaiveHit(int[] order, int[] relevant, int k) => order.Take(k).Any(relevant.Contains) ? 1 : 0;

    private static double NaiveReciprocal(int[] order, int[] relevant, int k)
    {
        for (int i = 0; i < Math.Min(k, order.Length); i++)
        {
            if (relevant.Contains(order[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static double NaiveAp(int[] order, int[] relevant, int k)
    {
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.Min(k, order.Length); i++)
        {
            if (relevant.Contains(order[i]))
            {
                hits++;
                sum += (double)hits / (i + 1);
            }
        }

        return sum / Math.Min(k, relevant.Length);
    }

    private static double NaiveNdcg(int[] order, int[] relevant, int k)
    {
        double dcg = 0;
        for (int i = 0; i < Math.Min(k, order.Length); i++)
        {
            dcg += relevant.Contains(order[i]) ? 1 / Math.Log2(i + 2) : 0;
        }

        double ideal = Enumerable.Range(0, Math.Min(k, relevant.Length)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }

    // Pairs ordered by position, tied scores counted half (the AUC of any tie order, averaged).
    private static double NaiveAucStrict(int[] order, int[] relevant, float[] scores)
    {
        var rel = order.Where(relevant.Contains).ToArray();
        var irr = order.Where(i => !relevant.Contains(i)).ToArray();
        if (rel.Length == 0 || irr.Length == 0)
        {
            return 0.5;
        }

        double correct = 0;
        foreach (int r in rel)
        {
            foreach (int i in irr)
            {
                correct += Array.IndexOf(order, r) < Array.IndexOf(order, i) ? 1 : 0;
            }
        }

        return correct / (rel.Length * irr.Length);
    }
}
