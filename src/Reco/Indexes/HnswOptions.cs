namespace Reco.Indexes;

/// <summary>How an <see cref="HnswIndex"/> turns inner-product search into a graph metric.</summary>
public enum HnswMetric
{
    /// <summary>
    /// USearch's inner-product metric on the raw vectors (the default: on popularity-skewed embeddings it
    /// measured far higher recall than either reduction at the same speed; see docs/benchmarks.md).
    /// </summary>
    InnerProduct,

    /// <summary>
    /// Maximum inner product reduced to nearest neighbours: items get one more coordinate
    /// √(M² − ‖x‖²) (M the largest item norm) and queries a 0, so every item has norm M and the squared
    /// L2 distance ranks items exactly as the dot product does. The extra coordinate dominates for the
    /// many short (unpopular) vectors, which crowds them together and weakens the graph.
    /// </summary>
    ReducedL2,

    /// <summary>The same reduction searched by cosine distance (the same ranking, another graph).</summary>
    ReducedCosine,
}

/// <summary>Settings for <see cref="HnswIndex.Build"/>.</summary>
public sealed record HnswOptions
{
    /// <summary>Graph metric; see <see cref="HnswMetric"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that names no metric.</exception>
    public HnswMetric Metric
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Metric), value, "There is no such metric.");
    } = HnswMetric.InnerProduct;

    /// <summary>Neighbours per node (HNSW's M).</summary>
    public int Connectivity { get; init; } = 32;

    /// <summary>Candidate list length while inserting (efConstruction).</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Candidate list length while searching (ef); changeable later through <see cref="HnswIndex.Expansion"/>.</summary>
    public int Expansion { get; init; } = 128;
}
