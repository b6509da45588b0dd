using Reco.Layers;
using Reco.Data.Sources.Parquet;

namespace Reco.Optimizers;

/// <summary>
/// Updates variables from their gradients. Sparse updates touch only the rows a batch used (an
/// embedding table's looked-up rows, as Keras applies <c>IndexedSlices</c>); dense updates touch every
/// value (a dense layer's kernel). Per-variable state (Adagrad's accumulators) lives in the optimizer.
/// </summary>
public abstract class Optimizer
{
    /// <summary>The step size.</summary>
    public abstract float LearningRate { get; }

    /// <summary>
    /// One step on the rows <paramref name="rows"/> of <paramref name="variable"/>: row <c>rows[i]</c>
    /// moves along <c>gradients[i·c .. (i+1)·c)</c> (c = columns). Rows must be distinct.
    /// </summary>
    public void ApplySparse(Variable variable, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(variable);
        int c = variable.Columns;
        if (gradients.Length < (long)rows.Length * c)
        {
            throw new ArgumentException("One gradient row per updated row is needed.", nameof(gradients));
        }

        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)variable.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"Row must be in [0, {variable.Rows}).");
            }

            Step(variable, rows[i] * c, gradients.Slice(i * c, c));
        }
    }

    /// <summary>One step on every value of <paramref name="variable"/> along <paramref name="gradient"/> (same length).</summary>
    public void ApplyDense(Variable variable, ReadOnlySpan<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (gradient.Length != variable.Values.Length)
        {
            throw new ArgumentException($"Expected {variable.Values.Length} gradient values, got {gradient.Length}.", nameof(gradient));
        }

        Step(variable, 0, gradient);
    }

    /// <summary>A short description such as <c>adagrad:0.5</c>.</summary>
    public abstract override string ToString();

    /// <summary>Moves <c>variable.Values[offset .. offset + gradient.Length)</c> along <paramref name="gradient"/>.</summary>
    protected abstract void Step(Variable variable, int offset, ReadOnlySpan<float> gradient);
}
