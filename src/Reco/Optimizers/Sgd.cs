using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>
/// Stochastic gradient descent, as Keras's <c>SGD</c>: plainly <c>w -= learningRate · g</c>; with momentum,
/// <c>velocity = momentum · velocity − learningRate · g</c> then <c>w += velocity</c> (Nesterov:
/// <c>w += momentum · velocity − learningRate · g</c>), velocities starting at 0. A sparse update moves the
/// velocity of the rows it touches only, as Keras's sparse momentum update does.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly ConditionalWeakTable<Variable, float[]> _velocities = [];

    /// <summary>Creates the optimizer (Keras defaults: learning rate 0.01, no momentum).</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">Momentum in [0, 1); 0 is plain gradient descent.</param>
    /// <param name="nesterov">Use Nesterov momentum.</param>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
    {
        OptimizerSettings.CheckLearningRate(learningRate);
        if (!(momentum >= 0f && momentum < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be at least 0 and below 1.");
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <inheritdoc/>
    public override float LearningRate { get; }

    /// <summary>The momentum (0 for none).</summary>
    public float Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override string ToString() => new OptimizerSettings(OptimizerKind.Sgd, LearningRate) { Momentum = Momentum }.ToString();

    /// <inheritdoc/>
    protected override void Step(Variable variable, int offset, ReadOnlySpan<float> gradient)
    {
        var w = variable.Array.AsSpan(offset, gradient.Length);
        if (Momentum == 0f)
        {
            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, w, w);
            return;
        }

        var velocity = _velocities.GetValue(variable, v => new float[v.Values.Length]).AsSpan(offset, gradient.Length);

        // velocity = momentum·velocity − rate·g
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradient, -LearningRate, velocity, velocity);
        if (!Nesterov)
        {
            TensorPrimitives.Add(w, velocity, w);
            return;
        }

        // w += momentum·velocity − rate·g
        TensorPrimitives.MultiplyAdd(velocity, Momentum, w, w);
        TensorPrimitives.MultiplyAdd(gradient, -LearningRate, w, w);
    }
}
