namespace Reco.Serving;

/// <summary>One recommended item.</summary>
/// <param name="Id">The item's id in the data.</param>
/// <param name="Label">Its display label (for example the movie title), or the id when it has none.</param>
/// <param name="Score">The model's score (for the popularity fallback: the training interaction count).</param>
public sealed record RecommendedItem(string Id, string Label, float Score)
{
    /// <summary>
    /// The user's items that led to this one, strongest first, when explanations were asked for and the model
    /// can give them (see <see cref="Recommendation.Explanations"/>); their scores are the contributions or similarities.
    /// </summary>
    public IReadOnlyList<RecommendedItem>? Because { get; init; }
}
