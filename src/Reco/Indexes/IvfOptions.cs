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
    /// <exception cref="ArgumentOutOfRangeException">Set outside (0, 1].</exception>
    public double TargetRecall
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TargetRecall), value, "The target recall is a share: above 0 and at most 1.");
    } = 0.95;

    /// <summary>Lloyd iterations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Iterations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Iterations), value, "k-means needs at least one iteration.");
    } = 10;

    /// <summary>Sample points per list used to train k-means.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int SamplePerList
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SamplePerList), value, "k-means needs at least one sample point per list.");
    } = 64;

    /// <summary>Seed of the sample, the initial centroids and the calibration queries.</summary>
    public int Seed { get; init; } = 42;
}
