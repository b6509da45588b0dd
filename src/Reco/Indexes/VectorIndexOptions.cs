namespace Reco.Indexes;

/// <summary>Settings for <see cref="VectorIndex.Build(string, ReadOnlySpan{float}, int, ReadOnlySpan{int}, VectorIndexOptions?)"/>.</summary>
public sealed record VectorIndexOptions
{
    /// <summary>IVF settings (also used by <c>auto</c> when it picks IVF).</summary>
    public IvfOptions Ivf { get; init; } = new();

    /// <summary>HNSW settings.</summary>
    public HnswOptions Hnsw { get; init; } = new();

    /// <summary><c>auto</c> always picks the exact index below this many items.</summary>
    public int ExactBelow { get; init; } = 200_000;

    /// <summary>Recall@10 against exact search that <c>auto</c> and IVF's probe calibration aim for.</summary>
    public double TargetRecall { get; init; } = 0.95;
}
