namespace Reco.Evaluation;

/// <summary>How <see cref="Evaluator"/> measures a model.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The cut-offs of the top-k metrics.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [10];

    /// <summary>Leave each user's training items out of their ranking (the default for item recommendation).</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>Which items compete.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that names no choice.</exception>
    public CandidateItems Candidates
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Candidates), value, "There is no such choice of candidate items.");
    } = CandidateItems.Union;

    /// <summary>When set, only items for which it returns true compete (applied after <see cref="Candidates"/>).</summary>
    public Func<int, bool>? CandidateFilter { get; init; }

    /// <summary>When set, only test interactions rated at least this much are relevant.</summary>
    public float? RelevanceThreshold { get; init; }

    /// <summary>NDCG with graded gain 2^rating − 1 instead of binary relevance.</summary>
    public bool GradedGain { get; init; }

    /// <summary>Item vectors (genres, embeddings, …) for intra-list diversity; without them diversity is not reported.</summary>
    public Func<int, ReadOnlyMemory<float>>? ItemVectors { get; init; }

    /// <summary>
    /// When set, receives the users done, the rate and the time left about twice a second from the scoring
    /// threads (one report at a time), and once at the end.
    /// </summary>
    public IProgress<EvaluationProgress>? Progress { get; init; }
}
