using Reco.Models.Options;

namespace Reco.Models.Factorization;

/// <summary>Hyper-parameters of <see cref="Ease"/>.</summary>
public sealed record EaseOptions
{
    /// <summary>L2 penalty λ.</summary>
    [Hyperparameter("lambda", "L2 penalty.", Minimum = 0, ExclusiveMinimum = true)]
    public float Lambda { get; init; } = 500f;
}
