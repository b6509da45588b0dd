namespace Reco.Data.Synthetic;

/// <summary>
/// The shape and the generating model of a synthetic interaction set (see <see cref="SyntheticInteractions"/>).
/// The defaults give MovieLens-like data: a Zipf-like item popularity, log-normal user activity, a few
/// preferred genres per user, half-star ratings and timestamps spread over a user's active period.
/// </summary>
public sealed record SyntheticOptions
{
    /// <summary>Users (each gets at least one interaction).</summary>
    public int Users { get; init; } = 1_000;

    /// <summary>Items.</summary>
    public int Items { get; init; } = 500;

    /// <summary>Interactions (distinct user–item pairs).</summary>
    public long Interactions { get; init; } = 50_000;

    /// <summary>Seed: the same options and seed give the same rows, on any machine and thread count.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Taste clusters: each item belongs to one, each user prefers one to three (at most one per item).</summary>
    public int Genres { get; init; } = 20;

    /// <summary>Length of the latent factors behind the ratings.</summary>
    public int Factors { get; init; } = 16;

    /// <summary>s of the item popularity (r + <see cref="PopularityOffset"/>)^−s by popularity rank r.</summary>
    public double PopularityExponent { get; init; } = 1.0;

    /// <summary>Flattens the head of the popularity curve (the most popular item is not the only one anybody sees).</summary>
    public double PopularityOffset { get; init; } = 10;

    /// <summary>σ of the log-normal spread of user activity (1.0: the busiest 1% of users give about a tenth of all interactions).</summary>
    public double ActivitySpread { get; init; } = 1.0;

    /// <summary>Share of a user's interactions chosen within their preferred genres; the rest follow global popularity.</summary>
    public double Taste { get; init; } = 0.7;

    /// <summary>Standard deviation of the rating noise, in stars.</summary>
    public double RatingNoise { get; init; } = 0.6;

    /// <summary>Earliest timestamp (Unix seconds); the default is MovieLens's first rating date, 9 January 1995.</summary>
    public long FirstTime { get; init; } = 789_652_009;

    /// <summary>Latest timestamp (Unix seconds); the default is 21 November 2019.</summary>
    public long LastTime { get; init; } = 1_574_327_703;
}
