using Reco.Losses;
using Reco.Metrics;
using Reco.Tasks;

namespace Reco.Tests.Tasks;

public class RankingTaskTests
{
    [Fact]
    public void DefaultsToMeanSquaredErrorWithRmseAndUpdatesItsMetrics()
    {
        var task = new Ranking();
        Assert.IsType<MeanSquaredError>(task.Loss);
        var gradient = new float[2];
        double loss = task.ComputeLoss([1f, 3f], [2f, 2f], 1, gradient);
        Assert.Equal(1.0, loss, 6);
        Assert.Equal([-1f, 1f], gradient);
        Assert.Equal(1.0, task.MetricResults()["rmse"], 6);
        task.ComputeLoss([2f], [2f], 1, default, updateMetrics: false);
        Assert.Equal(1.0, task.MetricResults()["rmse"], 6);
        task.ResetMetrics();
        Assert.Equal(0, task.MetricResults()["rmse"]);
    }

    [Fact]
    public void TakesAnyLossAndMetrics()
    {
        var task = new Ranking(new ListMleLoss(), [new Ndcg(2)]);
        task.ComputeLoss([0.6f, 0.8f], [1f, 0f], 2, default);
        Assert.Equal(["ndcg@2"], task.MetricResults().Keys);
        Assert.Empty(new Ranking(metrics: []).Metrics);
    }
}
