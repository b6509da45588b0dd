namespace Reco.Serving;

/// <summary>Recommendations for one user.</summary>
/// <param name="User">Who they are for.</param>
/// <param name="Items">The items, best first.</param>
/// <param name="Fallback">Why the popularity fallback answered instead of the model, or null when the model answered.</param>
public sealed record Recommendation(string User, IReadOnlyList<RecommendedItem> Items, string? Fallback)
{
    /// <summary>Whether the model itself answered (the user is known to it).</summary>
    public bool Personalised => Fallback is null;
}
