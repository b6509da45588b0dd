namespace Reco.Metrics;

/// <summary>Root mean squared error over every prediction, as <c>tf.keras.metrics.RootMeanSquaredError()</c>.</summary>
public sealed class RootMeanSquaredError : RankingMetric
{
    private double _sum;
    private long _count;

    /// <inheritdoc/>
    public override string Name => "rmse";

    /// <inheritdoc/>
    public override void Reset() => (_sum, _count) = (0, 0);

    /// <inheritdoc/>
    public override double Result() => _count == 0 ? 0 : Math.Sqrt(_sum / _count);

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int listSize)
    {
        if (predictions.Length != labels.Length)
        {
            throw new ArgumentException("One label per prediction is needed.", nameof(labels));
        }

        for (int i = 0; i < predictions.Length; i++)
        {
            double e = predictions[i] - labels[i];
            _sum += e * e;
        }

        _count += predictions.Length;
    }
}
