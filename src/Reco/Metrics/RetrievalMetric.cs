using Reco.Layers;

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

    /// <summary>
    /// Adds a batch: <paramref name="queryRows"/> index the rows of the query embedding table
    /// <paramref name="queryTable"/>, <paramref name="positiveRows"/> the rows of the candidate tower's table.
    /// </summary>
    internal abstract void Update(ReadOnlySpan<int> queryRows, float[] queryTable, ReadOnlySpan<int> positiveRows);

    /// <summary>Whether the metric embeds its catalogue with this candidate tower.</summary>
    internal abstract bool Uses<T>(Sequential<T> candidateModel);
}
