using Reco.Metrics;

namespace Reco.Tests.Metrics;

public class RankingMetricsTests
{
    [Fact]
    public void RootMeanSquaredErrorAccumulatesOverUpdates()
    {
        var rmse = new RootMeanSquaredError();
        rmse.Update([1f, 2f], [2f, 2f], 1);
        rmse.Update([5f], [3f], 1);

        // √((1 + 0 + 4) / 3)
        Assert.Equal(Math.Sqrt(5.0 / 3), rmse.Result(), 6);
        Assert.Equal("rmse", rmse.Name);
        rmse.Reset();
        Assert.Equal(0, rmse.Result());
    }

    [Fact]
    public void NdcgRanksByPredictionWithExponentialGainAndLogDiscount()
    {
        var ndcg = new Ndcg();

        // One list: labels (3, 1, 2), predictions rank them 2nd, 3rd, 1st.
        ndcg.Update([0.5f, 0.1f, 0.9f], [3f, 1f, 2f], 3);
        double dcg = (3 / Math.Log2(2)) + (7 / Math.Log2(3)) + (1 / Math.Log2(4));
        double ideal = (7 / Math.Log2(2)) + (3 / Math.Log2(3)) + (1 / Math.Log2(4));
        Assert.Equal(dcg / ideal, ndcg.Result(), 6);
        Assert.Equal("ndcg@3", ndcg.Name);

        // A perfect list counts 1; the result is the mean over lists; lists without gain are left out.
        ndcg.Update([3f, 2f, 1f, 0f, 0f, 0f], [5f, 4f, 1f, 0f, 0f, 0f], 3);
        Assert.Equal(((dcg / ideal) + 1) / 2, ndcg.Result(), 6);

        var top1 = new Ndcg(topN: 1);
        top1.Update([0.5f, 0.1f, 0.9f], [3f, 1f, 2f], 3);
        Assert.Equal(3.0 / 7, top1.Result(), 6);
        Assert.Equal("ndcg@1", top1.Name);
    }

    [Fact]
    public void NdcgBreaksTiedPredictionsByPosition()
    {
        var ndcg = new Ndcg();
        ndcg.Update([1f, 1f], [0f, 1f], 2);
        Assert.Equal(1 / Math.Log2(3), ndcg.Result(), 6);
    }
}
