namespace Reco.Serving;

/// <summary>What a recommendation may contain, beyond the number of items.</summary>
public sealed record RecommendationRequest
{
    /// <summary>Leave out the items the user interacted with in training (the default).</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>Item ids never to return.</summary>
    public IReadOnlySet<string>? Exclude { get; init; }

    /// <summary>When given, only these item ids may be returned.</summary>
    public IReadOnlySet<string>? Candidates { get; init; }

    /// <summary>
    /// From 0 (the default: best scores only) to 1: how much to trade score for variety. Above 0 the items are
    /// re-ranked by maximal marginal relevance over the model's item vectors: each next item maximises
    /// (1 − diversity) · relevance − diversity · its largest cosine to the items already chosen, relevance being
    /// the score scaled to 0 … 1 over the candidates. Needs a model with item vectors.
    /// </summary>
    public double Diversity { get; init; }

    /// <summary>Add "because of" items to each recommended item where the model can give them.</summary>
    public bool Explain { get; init; }
}
