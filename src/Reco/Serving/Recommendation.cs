namespace Reco.Serving;

/// <summary>Recommendations for one user.</summary>
/// <param name="User">Who they are for.</param>
/// <param name="Items">The items, best first.</param>
/// <param name="Fallback">Why the popularity fallback answered instead of the model, or null when the model answered.</param>
public sealed record Recommendation(string User, IReadOnlyList<RecommendedItem> Items, string? Fallback)
{
    /// <summary>Whether the model itself answered (the user is known to it).</summary>
    public bool Personalised => Fallback is null;

    /// <summary>How the items were computed.</summary>
    public RecommendationMethod Method { get; init; } = RecommendationMethod.Model;

    /// <summary>Where each item's <see cref="RecommendedItem.Because"/> comes from.</summary>
    public ExplanationSource Explanations { get; init; } = ExplanationSource.None;

    /// <summary>For a new user's history: the given item ids the model does not know (left out).</summary>
    public IReadOnlyList<string> IgnoredItems { get; init; } = [];
}
