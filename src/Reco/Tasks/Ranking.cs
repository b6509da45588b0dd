using Reco.Losses;
using Reco.Metrics;

namespace Reco.Tasks;

/// <summary>
/// TFRS's ranking task: owns a loss on predicted scores against labels (by default the mean squared error of
/// predicted ratings) and the metrics it updates with every batch (by default RMSE). Pointwise losses see
/// single ratings; listwise and pairwise ones (<see cref="ListMleLoss"/>, <see cref="PairwiseHingeLoss"/>) see
/// lists of candidates per query.
/// </summary>
public sealed class Ranking
{
    private readonly RankingMetric[] _metrics;

    /// <summary>Creates the task.</summary>
    /// <param name="loss">The loss; by default <see cref="MeanSquaredError"/>.</param>
    /// <param name="metrics">Metrics updated with every batch; by default <see cref="RootMeanSquaredError"/>. Pass an empty list for none.</param>
    public Ranking(RankingLoss? loss = null, IEnumerable<RankingMetric>? metrics = null)
    {
        Loss = loss ?? new MeanSquaredError();
        _metrics = metrics is null ? [new RootMeanSquaredError()] : [.. metrics];
        if (_metrics.Any(m => m is null))
        {
            throw new ArgumentException("A metric is missing.", nameof(metrics));
        }
    }

    /// <summary>The loss.</summary>
    public RankingLoss Loss { get; }

    /// <summary>The metrics.</summary>
    public IReadOnlyList<RankingMetric> Metrics => _metrics;

    /// <summary>
    /// The loss of <paramref name="predictions"/> against <paramref name="labels"/> (lists of <paramref name="listSize"/>)
    /// and its gradient (unless <paramref name="gradient"/> is empty); the metrics see the predictions too
    /// when <paramref name="updateMetrics"/>.
    /// </summary>
    public double ComputeLoss(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int listSize, Span<float> gradient, bool updateMetrics = true)
    {
        double loss = Loss.Compute(predictions, labels, listSize, gradient);
        if (updateMetrics)
        {
            UpdateMetrics(predictions, labels, listSize);
        }

        return loss;
    }

    /// <summary>Updates the metrics only.</summary>
    public void UpdateMetrics(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int listSize)
    {
        foreach (var metric in _metrics)
        {
            metric.Update(predictions, labels, listSize);
        }
    }

    /// <summary>Forgets every metric update.</summary>
    public void ResetMetrics()
    {
        foreach (var metric in _metrics)
        {
            metric.Reset();
        }
    }

    /// <summary>Each metric's value by name.</summary>
    public IReadOnlyDictionary<string, double> MetricResults() => _metrics.ToDictionary(m => m.Name, m => m.Result());
}
