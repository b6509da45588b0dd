namespace Reco.Evaluation.Metrics;

/// <summary>Errors of predicted ratings against true ones.</summary>
public static class RatingMetrics
{
    /// <summary>Root mean squared error: √(Σ (ŷ − y)² / n).</summary>
    public static double Rmse(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        Check(predicted, actual);
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double e = predicted[i] - actual[i];
            sum += e * e;
        }

        return Math.Sqrt(sum / predicted.Length);
    }

    /// <summary>Mean absolute error: Σ |ŷ − y| / n.</summary>
    public static double Mae(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        Check(predicted, actual);
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]);
        }

        return sum / predicted.Length;
    }

    private static void Check(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {actual.Length} ratings.");
        }

        if (predicted.Length == 0)
        {
            throw new ArgumentException("There are no ratings to compare.");
        }
    }
}
