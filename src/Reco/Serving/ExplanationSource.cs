namespace Reco.Serving;

/// <summary>Where the "because of" items of a <see cref="Recommendation"/> come from.</summary>
public enum ExplanationSource
{
    /// <summary>No explanations were asked for, or none can be given.</summary>
    None,

    /// <summary>The model's own account of a score (<see cref="Models.IExplainable"/>): each history item with its contribution.</summary>
    Model,

    /// <summary>
    /// The history items whose item vectors point most the same way as the recommended item's (cosine), for
    /// models with vectors that do not explain their scores: "because you liked these similar items".
    /// </summary>
    ItemSimilarity,
}
