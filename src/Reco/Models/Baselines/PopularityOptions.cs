using Reco.Models.Options;

namespace Reco.Models.Baselines;

/// <summary>Hyper-parameters of <see cref="Popularity"/>.</summary>
public sealed record PopularityOptions
{
    /// <summary>Rank by summed ratings instead of interaction counts.</summary>
    [Hyperparameter("weighted", "Rank by summed ratings instead of counts.")]
    public bool Weighted { get; init; }
}
