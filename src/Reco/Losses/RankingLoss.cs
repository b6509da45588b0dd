namespace Reco.Losses;

/// <summary>
/// A loss on predicted scores against labels, for lists of <c>listSize</c> items each (1 for a pointwise
/// loss on single ratings): the loss of a <see cref="Tasks.Ranking"/> task.
/// </summary>
public abstract class RankingLoss
{
    /// <summary>A short name, such as <c>mse</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The loss of <paramref name="scores"/> against <paramref name="labels"/> (lists × <paramref name="listSize"/>,
    /// row-major), reduced as Keras and TensorFlow Ranking reduce it, and its gradient with respect to each
    /// score in <paramref name="gradient"/> (unless empty).
    /// </summary>
    public abstract double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int listSize, Span<float> gradient);

    /// <summary>Checks the shapes and returns the number of lists.</summary>
    protected static int Lists(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int listSize, Span<float> gradient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listSize, 1);
        if (scores.Length != labels.Length || scores.Length % listSize != 0 || scores.Length == 0)
        {
            throw new ArgumentException($"Scores and labels must be whole lists of {listSize}, one label per score.");
        }

        if (!gradient.IsEmpty && gradient.Length < scores.Length)
        {
            throw new ArgumentException("One gradient value per score is needed.", nameof(gradient));
        }

        return scores.Length / listSize;
    }
}
