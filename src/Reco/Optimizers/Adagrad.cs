using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
        var accumulators = Accumulators(variable);
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

    /// <summary>
    /// The rows one after the other, each in one pass over its values: the same operations in the same order
    /// as <see cref="Step"/> (no fused multiply-add, so the same rounding), without its per-row set-up, which
    /// at the short rows of an embedding costs more than the arithmetic.
    /// </summary>
    protected override unsafe void StepSparse(Variable variable, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        var accumulators = Accumulators(variable);
        var weights = variable.Array;
        int c = variable.Columns;
        fixed (float* a = accumulators, w = weights)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                // The rows are scattered over tables larger than the caches: ask for a later row's state
                // while this one is updated, so that its memory latency overlaps the work.
                if (Sse.IsSupported && i + PrefetchAhead < rows.Length)
                {
                    long ahead = (long)rows[i + PrefetchAhead] * c;
                    Numerics.Prefetch.Row(a + ahead, c);
                    Numerics.Prefetch.Row(w + ahead, c);
                }

                int offset = rows[i] * c;
                Update(gradients.Slice(i * c, c), accumulators.AsSpan(offset, c), weights.AsSpan(offset, c), LearningRate, Epsilon);
            }
        }
    }

    private const int PrefetchAhead = 4;

    /// <summary>accumulator += g²; w += −learningRate · g / (√accumulator + ε), element by element.</summary>
    private static void Update(ReadOnlySpan<float> gradient, Span<float> accumulator, Span<float> weights, float learningRate, float epsilon)
    {
        int n = gradient.Length;
        float rate = -learningRate;
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float a = ref MemoryMarshal.GetReference(accumulator);
        ref float w = ref MemoryMarshal.GetReference(weights);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
            {
                var gk = Vector512.LoadUnsafe(ref g, (nuint)k);
                var ak = (gk * gk) + Vector512.LoadUnsafe(ref a, (nuint)k);
                ak.StoreUnsafe(ref a, (nuint)k);
                var step = gk / (Vector512.Sqrt(ak) + Vector512.Create(epsilon));
                ((step * rate) + Vector512.LoadUnsafe(ref w, (nuint)k)).StoreUnsafe(ref w, (nuint)k);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var gk = Vector256.LoadUnsafe(ref g, (nuint)k);
                var ak = (gk * gk) + Vector256.LoadUnsafe(ref a, (nuint)k);
                ak.StoreUnsafe(ref a, (nuint)k);
                var step = gk / (Vector256.Sqrt(ak) + Vector256.Create(epsilon));
                ((step * rate) + Vector256.LoadUnsafe(ref w, (nuint)k)).StoreUnsafe(ref w, (nuint)k);
            }
        }

        for (; k < n; k++)
        {
            float gk = Unsafe.Add(ref g, k);
            float ak = (gk * gk) + Unsafe.Add(ref a, k);
            Unsafe.Add(ref a, k) = ak;
            float step = gk / (MathF.Sqrt(ak) + epsilon);
            Unsafe.Add(ref w, k) = (step * rate) + Unsafe.Add(ref w, k);
        }
    }

    private float[] Accumulators(Variable variable) => _accumulators.GetValue(variable, v =>
    {
        var a = new float[v.Values.Length];
        System.Array.Fill(a, InitialAccumulatorValue);
        return a;
    });
}
