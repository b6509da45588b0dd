namespace Reco.Indexes;

/// <summary>The search strategies of <see cref="IVectorIndex"/>.</summary>
public enum VectorIndexKind
{
    /// <summary>Every item scored (<see cref="ExactIndex"/>).</summary>
    Exact,

    /// <summary>A USearch HNSW graph (<see cref="HnswIndex"/>).</summary>
    Hnsw,

    /// <summary>An inverted file of k-means lists (<see cref="IvfIndex"/>).</summary>
    Ivf,
}
