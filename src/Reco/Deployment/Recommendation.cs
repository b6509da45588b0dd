namespace Reco.Deployment;

/// <summary>Recommendations for one user.</summary>
/// <param name="User">Who they are for.</param>
/// <param name="Items">The items, best first.</param>
/// <param name="Scores">The model's scores (for a fallback: the training counts).</param>
/// <param name="Fallback">Why the popularity fallback answered instead of the model, or null when the model answered.</param>
public sealed record Recommendation(string User, IReadOnlyList<string> Items, IReadOnlyList<float> Scores, string? Fallback);
