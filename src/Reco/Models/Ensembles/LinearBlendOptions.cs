using Reco.Models.Options;

namespace Reco.Models.Ensembles;

/// <summary>Hyper-parameters of <see cref="LinearBlend"/>.</summary>
public sealed record LinearBlendOptions
{
    /// <summary>Share of the training interactions the weights are fitted on.</summary>
    [Hyperparameter("holdout", "Share of the training data the weights are fitted on.", Minimum = 0, ExclusiveMinimum = true, Maximum = 1, ExclusiveMaximum = true)]
    public double Holdout { get; init; } = 0.1;

    /// <summary>L2 penalty on the member weights (not on the intercept).</summary>
    [Hyperparameter("ridge", "L2 penalty on the member weights.", Minimum = 0)]
    public double Ridge { get; init; } = 1.0;

    /// <summary>Seed of the held-out split.</summary>
    [Hyperparameter("seed", "Seed of the held-out split.")]
    public int Seed { get; init; } = 42;
}
