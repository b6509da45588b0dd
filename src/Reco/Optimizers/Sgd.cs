using System.Numerics.Tensors;
using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>Plain stochastic gradient descent: <c>w -= learningRate · g</c>.</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer (Keras default learning rate 0.01).</summary>
    public Sgd(float learningRate = 0.01f)
    {
        OptimizerSettings.CheckLearningRate(learningRate);
        LearningRate = learningRate;
    }

    /// <inheritdoc/>
    public override float LearningRate { get; }

    /// <inheritdoc/>
    public override string ToString() => new OptimizerSettings(OptimizerKind.Sgd, LearningRate).ToString();

    /// <inheritdoc/>
    protected override void Step(Variable variable, int offset, ReadOnlySpan<float> gradient)
    {
        var w = variable.Array.AsSpan(offset, gradient.Length);
        TensorPrimitives.MultiplyAdd(gradient, -LearningRate, w, w);
    }
}
