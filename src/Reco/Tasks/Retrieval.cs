using Reco.Losses;
using Reco.Metrics;

namespace Reco.Tasks;

/// <summary>
/// TFRS's retrieval task: owns the loss (in-batch softmax cross-entropy, summed over the batch) and
/// the metrics (usually <see cref="FactorizedTopK{TCandidate}"/>). A model only wires its towers to it.
/// </summary>
public sealed class Retrieval
{
    private InBatchSoftmax? _dense;
    private DeduplicatedInBatchSoftmax? _deduplicated;

    /// <summary>Creates the task.</summary>
    /// <param name="metrics">Metrics updated with every batch (during fit and evaluation), or null for none.</param>
    /// <param name="temperature">Logits are divided by it; 1 (the default) leaves them unchanged.</param>
    /// <param name="removeAccidentalHits">
    /// Mask out other in-batch rows that hold the positive candidate itself, so that a popular item
    /// is not pushed down as its own negative (TFRS's <c>remove_accidental_hits</c>; off by default).
    /// </param>
    public Retrieval(RetrievalMetric? metrics = null, float temperature = 1f, bool removeAccidentalHits = false)
    {
        if (!(temperature > 0f) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be a positive finite number.");
        }

        Metrics = metrics;
        Temperature = temperature;
        RemoveAccidentalHits = removeAccidentalHits;
    }

    /// <summary>The task's metrics, or null.</summary>
    public RetrievalMetric? Metrics { get; }

    /// <summary>The softmax temperature.</summary>
    public float Temperature { get; }

    /// <summary>Whether accidental hits are removed from the in-batch negatives.</summary>
    public bool RemoveAccidentalHits { get; }

    /// <summary>
    /// The loss of a batch of embeddings and its gradients with respect to both (see <see cref="InBatchSoftmax"/>);
    /// null gradient buffers compute the loss only. <paramref name="candidateIds"/> identify candidates
    /// for accidental-hit removal.
    /// </summary>
    public double ComputeLoss(float[] queryEmbeddings, float[] candidateEmbeddings, int batch, int dimension, float[]? queryGradient, float[]? candidateGradient, int[]? candidateIds = null)
    {
        if (_dense is null || _dense.Dimension != dimension)
        {
            _dense = new InBatchSoftmax(dimension);
        }

        return _dense.Compute(queryEmbeddings, candidateEmbeddings, batch, queryGradient, candidateGradient, Temperature, RemoveAccidentalHits ? candidateIds : null);
    }

    /// <summary>
    /// The loss of a batch given as distinct queries and candidates: pair i is (query <c>querySlots[i]</c>,
    /// candidate <c>candidateSlots[i]</c>) with embeddings in <paramref name="queries"/> (<paramref name="queryCount"/>
    /// rows) and <paramref name="candidates"/>. With gradient buffers, also writes ∂loss/∂ each distinct
    /// embedding (summed over its pairs).
    /// </summary>
    internal double ComputeLoss(
        ReadOnlySpan<int> querySlots,
        ReadOnlySpan<int> candidateSlots,
        ReadOnlySpan<float> queries,
        int queryCount,
        ReadOnlySpan<float> candidates,
        int candidateCount,
        int dimension,
        Span<float> queryGradient,
        Span<float> candidateGradient)
    {
        int d = dimension;
        bool gradients = !queryGradient.IsEmpty;
        if (!RemoveAccidentalHits)
        {
            if (_deduplicated is null || _deduplicated.Dimension != d)
            {
                _deduplicated = new DeduplicatedInBatchSoftmax(d);
            }

            double loss = _deduplicated.Compute(querySlots, candidateSlots, queries, queryCount, candidates, candidateCount, Temperature, gradients);
            if (gradients)
            {
                _deduplicated.QueryGradient.CopyTo(queryGradient);
                _deduplicated.CandidateGradient.CopyTo(candidateGradient);
            }

            return loss;
        }

        // Accidental-hit masks differ per row, so this path works on the full B×B logits; a candidate's
        // identity is its slot.
        int b = querySlots.Length;
        var u = new float[b * d];
        var m = new float[b * d];
        for (int i = 0; i < b; i++)
        {
            queries.Slice(querySlots[i] * d, d).CopyTo(u.AsSpan(i * d, d));
            candidates.Slice(candidateSlots[i] * d, d).CopyTo(m.AsSpan(i * d, d));
        }

        var ids = candidateSlots.ToArray();
        if (!gradients)
        {
            return ComputeLoss(u, m, b, d, null, null, ids);
        }

        var du = new float[b * d];
        var dm = new float[b * d];
        double total = ComputeLoss(u, m, b, d, du, dm, ids);
        queryGradient[..(queryCount * d)].Clear();
        candidateGradient[..(candidateCount * d)].Clear();
        for (int i = 0; i < b; i++)
        {
            var q = queryGradient.Slice(querySlots[i] * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(q, du.AsSpan(i * d, d), q);
            var c = candidateGradient.Slice(candidateSlots[i] * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(c, dm.AsSpan(i * d, d), c);
        }

        return total;
    }
}
