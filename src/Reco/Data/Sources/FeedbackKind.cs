namespace Reco.Data.Sources;

/// <summary>What the rating column means.</summary>
public enum FeedbackKind
{
    /// <summary>Explicit ratings (for example 1–5 stars); a rating column is required.</summary>
    Explicit,

    /// <summary>Implicit feedback: events, counts or weights; without a weight column every row weighs 1.</summary>
    Implicit,
}
