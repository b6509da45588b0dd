using Reco.Models.Options;

namespace Reco.Models.Baselines;

/// <summary>Hyper-parameters of <see cref="MeanRating"/>.</summary>
public sealed record MeanRatingOptions
{
    /// <summary>Which mean is predicted.</summary>
    [Hyperparameter("of", "Which mean is predicted.")]
    public MeanKind Of { get; init; } = MeanKind.Item;
}
