using Reco.Models.Options;

namespace Reco.Models.Factorization;

/// <summary>Hyper-parameters of <see cref="SvdPlusPlus"/> (Surprise's <c>SVDpp</c> defaults).</summary>
public sealed record SvdPlusPlusOptions
{
    /// <summary>Length of the factors.</summary>
    [Hyperparameter("factors", "Factor length.", Minimum = 1)]
    public int Factors { get; init; } = 20;

    /// <summary>Passes over the training ratings.</summary>
    [Hyperparameter("epochs", "Passes over the ratings.", Minimum = 1)]
    public int Epochs { get; init; } = 20;

    /// <summary>SGD step.</summary>
    [Hyperparameter("lr", "Learning rate.", Minimum = 0, ExclusiveMinimum = true)]
    public float LearningRate { get; init; } = 0.007f;

    /// <summary>L2 penalty of biases and factors.</summary>
    [Hyperparameter("reg", "L2 penalty.", Minimum = 0)]
    public float Regularisation { get; init; } = 0.02f;

    /// <summary>Standard deviation of the normal initial factors.</summary>
    [Hyperparameter("init-std", "Std of the normal initial factors.", Minimum = 0)]
    public float InitialStd { get; init; } = 0.1f;

    /// <summary>Seed of the initial factors and of the user order.</summary>
    [Hyperparameter("seed", "Seed of the initial factors and user order.")]
    public int Seed { get; init; } = 42;
}
