namespace Reco.Models.Neighbourhood;

/// <summary>What neighbour ratings are measured against (Surprise's KNNBasic, KNNWithMeans, KNNBaseline).</summary>
public enum Centring
{
    /// <summary>Raw ratings: r̂ = Σ s·r / Σ s.</summary>
    None,

    /// <summary>Deviations from each rater's mean: r̂ = μ + Σ s·(r − μ') / Σ s.</summary>
    Means,

    /// <summary>Deviations from the baseline b_ui = μ + b_u + b_i: r̂ = b + Σ s·(r − b') / Σ s.</summary>
    Baseline,
}
