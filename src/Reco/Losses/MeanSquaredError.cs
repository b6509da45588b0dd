namespace Reco.Losses;

/// <summary>Mean squared error over every score, as <c>tf.keras.losses.MeanSquaredError()</c>: Σ (s − y)² / n.</summary>
public sealed class MeanSquaredError : RankingLoss
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int listSize, Span<float> gradient)
    {
        Lists(scores, labels, listSize, gradient);
        int n = scores.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = scores[i] - labels[i];
            sum += e * e;
            if (!gradient.IsEmpty)
            {
                gradient[i] = (float)(2 * e / n);
            }
        }

        return sum / n;
    }
}
