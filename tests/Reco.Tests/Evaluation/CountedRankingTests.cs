using Reco.Evaluation;
using Reco.Evaluation.Metrics;

namespace Reco.Tests.Evaluation;

public class CountedRankingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MetricsFromCountsEqualThoseOfTheSortedList(int seed)
    {
        var random = new Random(seed);
        int n = 300;

        // Few distinct scores, so that ties (also between relevant and excluded items) are common.
        var scores = Enumerable.Range(0, n).Select(_ => (float)random.Next(25)).ToArray();
        var excluded = Enumerable.Range(0, n).Where(_ => random.Next(5) == 0).ToArray();
        var candidates = Enumerable.Range(0, n).Except(excluded).ToArray();
        var relevance = new Dictionary<int, double>();
        foreach (int item in candidates.Where(_ => random.Next(12) == 0))
        {
            relevance[item] = 1 + random.Next(4);
        }

        var sorted = new RankedList(candidates, scores, relevance);
        var counted = CountedRanking.Build(scores, relevance, candidates.Length, excluded);
        Assert.NotNull(counted);
        Assert.Equal(sorted.Count, counted.Count);
        Assert.Equal(sorted.RelevantCount, counted.RelevantCount);
        Assert.Equal(RankingMetrics.Auc(sorted), RankingMetrics.Auc(counted));
        foreach (int k in new[] { 1, 5, 10, 50, 400 })
        {
            Assert.Equal(RankingMetrics.Precision(sorted, k), RankingMetrics.Precision(counted, k));
            Assert.Equal(RankingMetrics.Recall(sorted, k), RankingMetrics.Recall(counted, k));
            Assert.Equal(RankingMetrics.Ndcg(sorted, k), RankingMetrics.Ndcg(counted, k));
            Assert.Equal(RankingMetrics.AveragePrecision(sorted, k), RankingMetrics.AveragePrecision(counted, k));
            Assert.Equal(RankingMetrics.ReciprocalRank(sorted, k), RankingMetrics.ReciprocalRank(counted, k));
            Assert.Equal(RankingMetrics.HitRate(sorted, k), RankingMetrics.HitRate(counted, k));
        }
    }

    [Fact]
    public void CountsSeeEveryLaneAndTheTail()
    {
        var values = Enumerable.Range(0, 71).Select(i => (float)(i % 7)).ToArray();
        Assert.Equal((values.Count(v => v > 3), values.Count(v => v == 3)), CountedRanking.Count(values, 3));
    }

    [Fact]
    public void ANaNScoreLeavesTheRankingToTheSort()
    {
        float[] scores = [1, float.NaN, 0.5f];
        Assert.Null(CountedRanking.Build(scores, new Dictionary<int, double> { [1] = 1 }, 3, []));
    }
}
