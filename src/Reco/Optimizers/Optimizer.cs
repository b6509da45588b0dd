using System.Buffers;
using System.Numerics.Tensors;
using Reco.Layers;
using Reco.Data.Sources.Parquet;

namespace Reco.Optimizers;

/// <summary>
/// Updates variables from their gradients. Sparse updates touch only the rows a batch used (an
/// embedding table's looked-up rows, as Keras applies <c>IndexedSlices</c>); dense updates touch every
/// value (a dense layer's kernel). Per-variable state (Adagrad's accumulators, momentum, Adam's moments)
/// lives in the optimizer. Gradients can be clipped first, as Keras's <c>clipnorm</c> and <c>clipvalue</c> do.
/// </summary>
public abstract class Optimizer
{
    /// <summary>The step size.</summary>
    public abstract float LearningRate { get; }

    /// <summary>
    /// When set, each update's gradient (all the rows of a sparse update together) is scaled down to this
    /// L2 norm if it is longer, as Keras's <c>clipnorm</c>.
    /// </summary>
    public float? ClipNorm
    {
        get;
        init => field = value is { } v && !(v > 0f && float.IsFinite(v))
            ? throw new ArgumentOutOfRangeException(nameof(ClipNorm), v, "The clipping norm must be a finite number above 0.")
            : value;
    }

    /// <summary>When set, every gradient value is clipped to [−value, value], as Keras's <c>clipvalue</c>.</summary>
    public float? ClipValue
    {
        get;
        init => field = value is { } v && !(v > 0f && float.IsFinite(v))
            ? throw new ArgumentOutOfRangeException(nameof(ClipValue), v, "The clipping value must be a finite number above 0.")
            : value;
    }

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
        }

        gradients = gradients[..(rows.Length * c)];
        float[]? clipped = Clip(gradients);
        StepSparse(variable, rows, clipped is null ? gradients : clipped.AsSpan(0, gradients.Length));
        if (clipped is not null)
        {
            ArrayPool<float>.Shared.Return(clipped);
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

        float[]? clipped = Clip(gradient);
        Step(variable, 0, clipped is null ? gradient : clipped.AsSpan(0, gradient.Length));
        if (clipped is not null)
        {
            ArrayPool<float>.Shared.Return(clipped);
        }
    }

    /// <summary>A short description such as <c>adagrad:0.5</c>.</summary>
    public abstract override string ToString();

    /// <summary>Moves <c>variable.Values[offset .. offset + gradient.Length)</c> along <paramref name="gradient"/>.</summary>
    protected abstract void Step(Variable variable, int offset, ReadOnlySpan<float> gradient);

    /// <summary>
    /// One sparse step: by default each row in turn through <see cref="Step"/>, which suits optimizers whose
    /// state is per value (Adagrad, momentum). Optimizers whose update reaches rows without a gradient
    /// (Keras's Adam decays every moment) override it.
    /// </summary>
    protected virtual void StepSparse(Variable variable, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        int c = variable.Columns;
        for (int i = 0; i < rows.Length; i++)
        {
            Step(variable, rows[i] * c, gradients.Slice(i * c, c));
        }
    }

    /// <summary>The clipped gradient in a pooled array (return it), or null when no clipping applies.</summary>
    private float[]? Clip(ReadOnlySpan<float> gradient)
    {
        if (ClipNorm is null && ClipValue is null)
        {
            return null;
        }

        float[]? copy = null;
        if (ClipValue is { } limit && (TensorPrimitives.Max(gradient) > limit || TensorPrimitives.Min(gradient) < -limit))
        {
            copy = ArrayPool<float>.Shared.Rent(gradient.Length);
            TensorPrimitives.Clamp(gradient, -limit, limit, copy.AsSpan(0, gradient.Length));
        }

        if (ClipNorm is { } maxNorm)
        {
            ReadOnlySpan<float> current = copy is null ? gradient : copy.AsSpan(0, gradient.Length);
            float norm = TensorPrimitives.Norm(current);
            if (norm > maxNorm)
            {
                copy ??= ArrayPool<float>.Shared.Rent(gradient.Length);
                TensorPrimitives.Multiply(current, maxNorm / norm, copy.AsSpan(0, gradient.Length));
            }
        }

        return copy;
    }
}
