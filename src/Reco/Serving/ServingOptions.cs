using Reco.Indexes;

namespace Reco.Serving;

/// <summary>How <see cref="RecommendationService"/> answers: the vector index of vector models, diversity and explanations.</summary>
public sealed record ServingOptions
{
    /// <summary>
    /// The index of models with user and item vectors (<see cref="Models.IVectorModel"/>): <c>exact</c>,
    /// <c>hnsw</c>, <c>ivf</c> or <c>auto</c> (the default: <see cref="VectorIndexSelector"/>'s rule).
    /// Other models score every item through <see cref="Models.IRecommender.ScoreItems"/>.
    /// </summary>
    public string Index { get; init; } = "auto";

    /// <summary>
    /// Whether a model loaded with a saved index (<see cref="Serialization.SavedModel.Index"/>) is served with it
    /// when it is of the kind <see cref="Index"/> names (any kind for <c>auto</c>), after checking that it holds
    /// the model's item vectors; otherwise, and when false, the index is built.
    /// </summary>
    public bool UseSavedIndex { get; init; } = true;

    /// <summary>Settings of the index kinds; the defaults when null.</summary>
    public VectorIndexOptions? IndexOptions { get; init; }

    /// <summary>
    /// Candidates a diversified answer is chosen from: the best <c>max(DiversityPool, 5 k)</c> items by score,
    /// re-ranked by maximal marginal relevance.
    /// </summary>
    public int DiversityPool { get; init; } = 50;

    /// <summary>"Because of" items given per recommended item when explanations are asked for.</summary>
    public int ExplanationCount { get; init; } = 3;
}
