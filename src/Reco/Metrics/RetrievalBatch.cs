namespace Reco.Metrics;

/// <summary>
/// A batch of (query, positive candidate) pairs as a metric sees it: the distinct queries' and distinct
/// candidates' embeddings (row-major, <see cref="Dimension"/> values each) and each pair's slots.
/// </summary>
internal readonly ref struct RetrievalBatch
{
    public RetrievalBatch(int dimension, ReadOnlySpan<float> queries, ReadOnlySpan<int> querySlots, ReadOnlySpan<float> candidates, ReadOnlySpan<int> candidateSlots, ReadOnlySpan<int> candidateColumns)
    {
        Dimension = dimension;
        Queries = queries;
        QuerySlots = querySlots;
        Candidates = candidates;
        CandidateSlots = candidateSlots;
        CandidateColumns = candidateColumns;
    }

    /// <summary>Embedding length.</summary>
    public int Dimension { get; }

    /// <summary>Embeddings of the distinct queries.</summary>
    public ReadOnlySpan<float> Queries { get; }

    /// <summary>Each pair's query slot.</summary>
    public ReadOnlySpan<int> QuerySlots { get; }

    /// <summary>Embeddings of the distinct positive candidates.</summary>
    public ReadOnlySpan<float> Candidates { get; }

    /// <summary>Each pair's candidate slot.</summary>
    public ReadOnlySpan<int> CandidateSlots { get; }

    /// <summary>For each distinct candidate, its column in the metric's catalogue, or −1 when it is not in it.</summary>
    public ReadOnlySpan<int> CandidateColumns { get; }

    /// <summary>Number of pairs.</summary>
    public int Count => QuerySlots.Length;
}
