using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's sequential-retrieval tutorial (its defaults are the tutorial's).</summary>
public sealed record SequentialRetrievalOptions : TutorialOptions
{
    /// <summary>Movies of the history the query tower reads (the most recent ones).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1: with no context every query is the same, every score ties, and ties count as hits.</exception>
    public int ContextLength
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ContextLength), value, "The query tower needs at least one movie of history.");
    } = 10;

    /// <summary>Ratings below this are left out of the timelines (the tutorial's <c>--min_rating=2</c>).</summary>
    public float MinRating { get; init; } = 2f;

    /// <summary>Users with fewer rated movies are left out (the tutorial's <c>--min_timeline_length=3</c>).</summary>
    public int MinTimelineLength { get; init; } = 3;

    /// <summary>Length of the movie embeddings and of the recurrent state.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training sequences per batch.</summary>
    public int BatchSize { get; init; } = 12800;

    /// <summary>Test sequences per batch.</summary>
    public int EvalBatchSize { get; init; } = 2560;
}
