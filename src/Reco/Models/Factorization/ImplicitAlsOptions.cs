using Reco.Models.Options;

namespace Reco.Models.Factorization;

/// <summary>Hyper-parameters of <see cref="ImplicitAls"/> (chosen on a validation share of MovieLens 100k's u1.base).</summary>
public sealed record ImplicitAlsOptions
{
    /// <summary>Length of the factors.</summary>
    [Hyperparameter("factors", "Factor length.", Minimum = 1)]
    public int Factors { get; init; } = 32;

    /// <summary>ALS sweeps (users then items).</summary>
    [Hyperparameter("iterations", "ALS sweeps.", Minimum = 1)]
    public int Iterations { get; init; } = 10;

    /// <summary>λ, the L2 penalty.</summary>
    [Hyperparameter("reg", "L2 penalty.", Minimum = 0)]
    public float Regularisation { get; init; } = 30f;

    /// <summary>Confidence scale α: observed cells weigh 1 + α·w.</summary>
    [Hyperparameter("alpha", "Confidence scale.", Minimum = 0)]
    public float Alpha { get; init; } = 3f;

    /// <summary>Conjugate-gradient iterations per solve.</summary>
    [Hyperparameter("cg-steps", "Conjugate-gradient steps per solve.", Minimum = 1)]
    public int ConjugateGradientSteps { get; init; } = 3;

    /// <summary>Weight observed cells by their rating instead of 1.</summary>
    [Hyperparameter("use-ratings", "Weight interactions by rating instead of 1.")]
    public bool UseRatings { get; init; }

    /// <summary>Seed of the initial factors.</summary>
    [Hyperparameter("seed", "Seed of the initial factors.")]
    public int Seed { get; init; } = 42;
}
