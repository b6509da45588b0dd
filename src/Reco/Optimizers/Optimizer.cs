using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>
/// Updates embedding tables from sparse gradients: only the rows a batch touched change, and the
/// gradient of a row that occurs several times in a batch is the sum of its occurrences (as Keras
/// does for <c>IndexedSlices</c>).
/// </summary>
public abstract class Optimizer
{
    /// <summary>The step size.</summary>
    public abstract float LearningRate { get; }

    /// <summary>
    /// Applies one step to <paramref name="table"/>: row <c>rows[i]</c> moves along
    /// <c>gradients[i*d .. (i+1)*d)</c>. Rows must be distinct.
    /// </summary>
    public abstract void ApplySparse(Embedding table, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients);

    /// <summary>A short description such as <c>adagrad:0.5</c>.</summary>
    public abstract override string ToString();
}
