namespace Reco.Indexes;

/// <summary>Settings for <see cref="IvfIndex.Build"/>.</summary>
public sealed record IvfOptions
{
    /// <summary>Number of k-means lists; <see langword="null"/> for about √n (at least 1, at most n).</summary>
    public int? Lists { get; init; }

    /// <summary>
    /// Lists scanned per query; <see langword="null"/> to calibrate at build time: the smallest power of two
    /// (then refined) whose recall@10 on sample queries reaches <see cref="TargetRecall"/>.
    /// </summary>
    public int? Probes { get; init; }

    /// <summary>Recall@10 that probe calibration aims for.</summary>
    public double TargetRecall { get; init; } = 0.95;

    /// <summary>Lloyd iterations.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Sample points per list used to train k-means.</summary>
    public int SamplePerList { get; init; } = 64;

    /// <summary>Seed of the sample, the initial centroids and the calibration queries.</summary>
    public int Seed { get; init; } = 42;
}
