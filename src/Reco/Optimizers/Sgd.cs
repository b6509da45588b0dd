using System.Numerics.Tensors;
using Reco.Layers;

namespace Reco.Optimizers;

/// <summary>Plain stochastic gradient descent: <c>w -= learningRate · g</c>.</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer (Keras default learning rate 0.01).</summary>
    public Sgd(float learningRate = 0.01f)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number.");
        }

        LearningRate = learningRate;
    }

    /// <inheritdoc/>
    public override float LearningRate { get; }

    /// <inheritdoc/>
    public override void ApplySparse(Embedding table, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(table);
        int d = table.OutputDim;
        if (gradients.Length < rows.Length * d)
        {
            throw new ArgumentException("One gradient row per updated row is needed.", nameof(gradients));
        }

        var weights = table.WeightArray;
        for (int i = 0; i < rows.Length; i++)
        {
            var w = weights.AsSpan(rows[i] * d, d);
            TensorPrimitives.MultiplyAdd(gradients.Slice(i * d, d), -LearningRate, w, w);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"sgd:{LearningRate}";
}
