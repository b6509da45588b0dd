namespace Reco.Serving;

/// <summary>How a <see cref="Recommendation"/> was computed.</summary>
public enum RecommendationMethod
{
    /// <summary>The model scored a user it was trained on.</summary>
    Model,

    /// <summary>The model folded a new user's history in (<see cref="Models.IFoldIn"/>).</summary>
    FoldIn,

    /// <summary>
    /// A new user's query vector is the mean of their items' vectors (models with vectors but no fold-in,
    /// such as a two-tower model over user ids): an approximation of what the model would learn for them.
    /// </summary>
    ItemAverage,

    /// <summary>The training data's most popular items (see <see cref="Recommendation.Fallback"/>).</summary>
    Popularity,
}
