namespace Reco.Metrics;

/// <summary>A metric that a <see cref="Tasks.Retrieval"/> task updates with each batch of query–candidate pairs.</summary>
public abstract class RetrievalMetric
{
    /// <summary>The names of the values <see cref="Result"/> returns, in display order.</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>Forgets every update (called at the start of each epoch and evaluation).</summary>
    public abstract void Reset();

    /// <summary>The values accumulated since the last reset.</summary>
    public abstract IReadOnlyDictionary<string, double> Result();

    /// <summary>Adds a batch of pairs, embedded with the weights before the batch's update.</summary>
    internal abstract void Update(in RetrievalBatch batch);
}
