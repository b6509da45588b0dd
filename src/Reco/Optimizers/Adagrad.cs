using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Reco.Layers;
using Reco.Data.Sources.Parquet;

namespace Reco.Optimizers;

/// <summary>
/// Adagrad with the Keras defaults: per weight, <c>accumulator += g²</c> then
/// <c>w -= learningRate · g / (√accumulator + ε)</c>, accumulators starting at 0.1.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private readonly ConditionalWeakTable<Variable, float[]> _accumulators = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size (Keras default 0.001).</param>
    /// <param name="initialAccumulatorValue">Starting value of every accumulator (Keras default 0.1).</param>
    /// <param name="epsilon">Added to the root for stability (Keras default 1e-7).</param>
    public Adagrad(float learningRate = 0.001f, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
    {
        OptimizerSettings.CheckLearningRate(learningRate);
        if (!(initialAccumulatorValue >= 0f) || float.IsInfinity(initialAccumulatorValue))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "The initial accumulator must be a finite number of at least 0.");
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
    public override string ToString() => new OptimizerSettings(OptimizerKind.Adagrad, LearningRate).ToString();

    /// <inheritdoc/>
    protected override void Step(Variable variable, int offset, ReadOnlySpan<float> gradient)
    {
        var accumulators = _accumulators.GetValue(variable, v =>
        {
            var a = new float[v.Values.Length];
            System.Array.Fill(a, InitialAccumulatorValue);
            return a;
        });
        int n = gradient.Length;
        float[]? rented = n > 1024 ? ArrayPool<float>.Shared.Rent(n) : null;
        Span<float> step = rented is null ? stackalloc float[n] : rented.AsSpan(0, n);
        var acc = accumulators.AsSpan(offset, n);
        TensorPrimitives.MultiplyAdd(gradient, gradient, acc, acc);
        TensorPrimitives.Sqrt(acc, step);
        TensorPrimitives.Add(step, Epsilon, step);
        TensorPrimitives.Divide(gradient, step, step);
        var w = variable.Array.AsSpan(offset, n);
        TensorPrimitives.MultiplyAdd(step, -LearningRate, w, w);
        if (rented is not null)
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
