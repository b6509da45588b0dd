using Reco.Models.Options;

namespace Reco.Models.Factorization;

/// <summary>Hyper-parameters of <see cref="BiasedMatrixFactorization"/> (Surprise's <c>SVD</c> defaults).</summary>
public sealed record BiasedMatrixFactorizationOptions
{
    /// <summary>Length of the user and item factors.</summary>
    [Hyperparameter("factors", "Factor length.", Minimum = 1)]
    public int Factors { get; init; } = 100;

    /// <summary>Passes over the training ratings.</summary>
    [Hyperparameter("epochs", "Passes over the ratings.", Minimum = 1)]
    public int Epochs { get; init; } = 20;

    /// <summary>SGD step.</summary>
    [Hyperparameter("lr", "Learning rate.", Minimum = 0, ExclusiveMinimum = true)]
    public float LearningRate { get; init; } = 0.005f;

    /// <summary>L2 penalty of biases and factors.</summary>
    [Hyperparameter("reg", "L2 penalty.", Minimum = 0)]
    public float Regularisation { get; init; } = 0.02f;

    /// <summary>Standard deviation of the normal initial factors.</summary>
    [Hyperparameter("init-std", "Std of the normal initial factors.", Minimum = 0)]
    public float InitialStd { get; init; } = 0.1f;

    /// <summary>Seed of the initial factors.</summary>
    [Hyperparameter("seed", "Seed of the initial factors.")]
    public int Seed { get; init; } = 42;
}
