using Reco.Models.Options;

namespace Reco.Models.Baselines;

/// <summary>Hyper-parameters of <see cref="RandomRecommender"/>.</summary>
public sealed record RandomOptions
{
    /// <summary>Seed of the scores.</summary>
    [Hyperparameter("seed", "Seed of the scores.")]
    public int Seed { get; init; } = 42;
}
