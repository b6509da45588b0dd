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
}
