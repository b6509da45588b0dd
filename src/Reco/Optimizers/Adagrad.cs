using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>
/// Adagrad with the Keras defaults: per weight, <c>accumulator += g²</c> then
/// <c>w -= learningRate · g / (√accumulator + ε)</c>, accumulators starting at 0.1.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private readonly ConditionalWeakTable<Embedding, float[]> _accumulators = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size (Keras default 0.001).</param>
    /// <param name="initialAccumulatorValue">Starting value of every accumulator (Keras default 0.1).</param>
    /// <param name="epsilon">Added to the root for stability (Keras default 1e-7).</param>
    public Adagrad(float learningRate = 0.001f, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number.");
        }

        if (!(initialAccumulatorValue >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "The initial accumulator must be non-negative.");
        }

        LearningRate = learningRate;
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override float LearningRate { get; }

    /// <summary>Starting value of every accumulator.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>Stability term added to the root.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override void ApplySparse(Embedding table, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(table);
        int d = table.OutputDim;
        if (gradients.Length < rows.Length * d)
        {
            throw new ArgumentException("One gradient row per updated row is needed.", nameof(gradients));
        }

        var accumulators = _accumulators.GetValue(table, t =>
        {
            var a = new float[t.InputDim * t.OutputDim];
            Array.Fill(a, InitialAccumulatorValue);
            return a;
        });
        Span<float> step = stackalloc float[d];
        var weights = table.WeightArray;
        for (int i = 0; i < rows.Length; i++)
        {
            int offset = rows[i] * d;
            var g = gradients.Slice(i * d, d);
            var acc = accumulators.AsSpan(offset, d);
            TensorPrimitives.MultiplyAdd(g, g, acc, acc);
            TensorPrimitives.Sqrt(acc, step);
            TensorPrimitives.Add(step, Epsilon, step);
            TensorPrimitives.Divide(g, step, step);
            var w = weights.AsSpan(offset, d);
            TensorPrimitives.MultiplyAdd(step, -LearningRate, w, w);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"adagrad:{LearningRate}";
}
