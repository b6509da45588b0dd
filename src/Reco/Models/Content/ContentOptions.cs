using Reco.Models.Options;

namespace Reco.Models.Content;

/// <summary>Hyper-parameters of <see cref="ContentBased"/>.</summary>
public sealed record ContentOptions
{
    /// <summary>The least rating that counts as liked (when none of a user's items reaches it, all count).</summary>
    [Hyperparameter("min-rating", "Least rating that counts as liked.")]
    public float MinRating { get; init; }
}
