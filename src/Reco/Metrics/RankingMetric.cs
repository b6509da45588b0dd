namespace Reco.Metrics;

/// <summary>A metric that a <see cref="Tasks.Ranking"/> task updates with each batch of predictions and labels.</summary>
public abstract class RankingMetric
{
    /// <summary>The name of the value <see cref="Result"/> returns (for example <c>rmse</c>, <c>ndcg@5</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Forgets every update.</summary>
    public abstract void Reset();

    /// <summary>The value accumulated since the last reset.</summary>
    public abstract double Result();

    /// <summary>Adds predictions and labels, lists of <paramref name="listSize"/> (1 for single ratings), row-major.</summary>
    public abstract void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int listSize);
}
