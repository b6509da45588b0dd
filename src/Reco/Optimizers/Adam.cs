using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>
/// Adam with Keras's update: at step t of a variable, <c>m = β₁·m + (1 − β₁)·g</c>,
/// <c>v = β₂·v + (1 − β₂)·g²</c>, <c>w −= rate·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε)</c>, moments starting at 0.
/// </summary>
/// <remarks>
/// A sparse update (an embedding table's looked-up rows) follows Keras too: every moment of the variable
/// decays and every value moves, rows without a gradient included. With <see cref="Lazy"/> only the looked-up
/// rows' moments and values change (TensorFlow Addons' <c>LazyAdam</c>), which keeps a step's cost
/// proportional to the batch rather than to the table.
/// </remarks>
public sealed class Adam : Optimizer
{
    private readonly ConditionalWeakTable<Variable, State> _states = [];

    /// <summary>Creates the optimizer (Keras defaults: rate 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7).</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to √v for stability.</param>
    /// <param name="lazy">Update only the rows of a sparse update.</param>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f, bool lazy = false)
    {
        OptimizerSettings.CheckLearningRate(learningRate);
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "β₁ and β₂ must be at least 0 and below 1.");
        }

        if (!(epsilon > 0f) || !float.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number above 0.");
        }

        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Lazy = lazy;
    }

    /// <inheritdoc/>
    public override float LearningRate { get; }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Stability term added to √v.</summary>
    public float Epsilon { get; }

    /// <summary>Whether a sparse update changes only the rows it names.</summary>
    public bool Lazy { get; }

    /// <inheritdoc/>
    public override string ToString() => new OptimizerSettings(OptimizerKind.Adam, LearningRate).ToString();

    /// <inheritdoc/>
    protected override void Step(Variable variable, int offset, ReadOnlySpan<float> gradient)
    {
        var state = StateOf(variable);
        float rate = state.NextRate(this);
        Update(state, variable, offset, gradient, rate);
    }

    /// <inheritdoc/>
    protected override void StepSparse(Variable variable, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        var state = StateOf(variable);
        float rate = state.NextRate(this);
        int c = variable.Columns;
        if (Lazy)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                Update(state, variable, rows[i] * c, gradients.Slice(i * c, c), rate);
            }

            return;
        }

        // Keras: m = β₁·m everywhere, then m[rows] += (1 − β₁)·g; the same for v; then every value moves.
        var m = state.M.AsSpan();
        var v = state.V.AsSpan();
        TensorPrimitives.Multiply(m, Beta1, m);
        TensorPrimitives.Multiply(v, Beta2, v);
        for (int i = 0; i < rows.Length; i++)
        {
            var g = gradients.Slice(i * c, c);
            var mr = m.Slice(rows[i] * c, c);
            var vr = v.Slice(rows[i] * c, c);
            TensorPrimitives.MultiplyAdd(g, 1f - Beta1, mr, mr);
            for (int j = 0; j < c; j++)
            {
                vr[j] += (1f - Beta2) * g[j] * g[j];
            }
        }

        Move(variable.Array, m, v, rate, state.Scratch(variable.Values.Length));
    }

    private State StateOf(Variable variable) => _states.GetValue(variable, v => new State(v.Values.Length));

    private void Update(State state, Variable variable, int offset, ReadOnlySpan<float> gradient, float rate)
    {
        int n = gradient.Length;
        var m = state.M.AsSpan(offset, n);
        var v = state.V.AsSpan(offset, n);
        TensorPrimitives.Multiply(m, Beta1, m);
        TensorPrimitives.MultiplyAdd(gradient, 1f - Beta1, m, m);
        TensorPrimitives.Multiply(v, Beta2, v);
        for (int j = 0; j < n; j++)
        {
            v[j] += (1f - Beta2) * gradient[j] * gradient[j];
        }

        Move(variable.Array.AsSpan(offset, n), m, v, rate, state.Scratch(n));
    }

    /// <summary>w −= rate · m / (√v + ε).</summary>
    private void Move(Span<float> w, ReadOnlySpan<float> m, ReadOnlySpan<float> v, float rate, Span<float> scratch)
    {
        scratch = scratch[..w.Length];
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -rate, w, w);
    }

    /// <summary>A variable's moments and step count.</summary>
    private sealed class State(int length)
    {
        private float[] _scratch = [];

        public float[] M { get; } = new float[length];

        public float[] V { get; } = new float[length];

        public long Steps { get; private set; }

        /// <summary>Counts a step and returns its bias-corrected rate.</summary>
        public float NextRate(Adam adam)
        {
            Steps++;
            return (float)(adam.LearningRate * Math.Sqrt(1 - Math.Pow(adam.Beta2, Steps)) / (1 - Math.Pow(adam.Beta1, Steps)));
        }

        public Span<float> Scratch(int length)
        {
            if (_scratch.Length < length)
            {
                _scratch = new float[length];
            }

            return _scratch.AsSpan(0, length);
        }
    }
}
