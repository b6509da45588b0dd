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
    /// <param name="numHardNegatives">
    /// When above 0, each row's softmax keeps only its positive and this many of its highest-scoring
    /// negatives (TFRS's <c>num_hard_negatives</c>); 0 (the default) keeps every negative.
    /// </param>
    /// <param name="samplingBiasCorrection">
    /// Subtract log q_c from every logit of candidate c, q_c being the probability that c is a batch's
    /// candidate (its share of the training pairs), so that popular candidates are not over-penalised
    /// for appearing often as in-batch negatives (the logQ correction; TFRS's <c>candidate_sampling_probability</c>).
    /// </param>
    public Retrieval(RetrievalMetric? metrics = null, float temperature = 1f, bool removeAccidentalHits = false, int numHardNegatives = 0, bool samplingBiasCorrection = false)
    {
        if (!(temperature > 0f) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be a positive finite number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(numHardNegatives);
        Metrics = metrics;
        Temperature = temperature;
        RemoveAccidentalHits = removeAccidentalHits;
        NumHardNegatives = numHardNegatives;
        SamplingBiasCorrection = samplingBiasCorrection;
    }

    /// <summary>The task's metrics, or null.</summary>
    public RetrievalMetric? Metrics { get; }

    /// <summary>The softmax temperature.</summary>
    public float Temperature { get; }

    /// <summary>Whether accidental hits are removed from the in-batch negatives.</summary>
    public bool RemoveAccidentalHits { get; }

    /// <summary>How many hardest negatives each row keeps (0: all).</summary>
    public int NumHardNegatives { get; }

    /// <summary>Whether logits are corrected by the candidates' sampling probabilities (logQ).</summary>
    public bool SamplingBiasCorrection { get; }

    /// <summary>
    /// The loss of a batch of embeddings and its gradients with respect to both (see <see cref="InBatchSoftmax"/>);
    /// null gradient buffers compute the loss only. <paramref name="candidateIds"/> identify candidates
    /// for accidental-hit removal; <paramref name="candidateSamplingProbability"/> gives each row's candidate
    /// probability for the sampling-bias correction (used when <see cref="SamplingBiasCorrection"/> is on).
    /// </summary>
    public double ComputeLoss(float[] queryEmbeddings, float[] candidateEmbeddings, int batch, int dimension, float[]? queryGradient, float[]? candidateGradient, int[]? candidateIds = null, float[]? candidateSamplingProbability = null)
    {
        float[]? corrections = null;
        if (SamplingBiasCorrection && candidateSamplingProbability is not null)
        {
            corrections = new float[batch];
            for (int j = 0; j < batch; j++)
            {
                corrections[j] = MathF.Log(candidateSamplingProbability[j]);
            }
        }

        return Dense(queryEmbeddings, candidateEmbeddings, batch, dimension, queryGradient, candidateGradient, candidateIds, corrections);
    }

    /// <summary>
    /// The loss of a batch given as distinct queries and candidates: pair i is (query <c>querySlots[i]</c>,
    /// candidate <c>candidateSlots[i]</c>) with embeddings in <paramref name="queries"/> (<paramref name="queryCount"/>
    /// rows) and <paramref name="candidates"/>. With gradient buffers, also writes ∂loss/∂ each distinct
    /// embedding (summed over its pairs). <paramref name="logitCorrections"/> (log q per distinct candidate,
    /// or empty) and <paramref name="candidateWeights"/> (how many softmax entries each distinct candidate
    /// stands for, or empty for its count among the pairs) narrow the softmax as
    /// <see cref="DeduplicatedInBatchSoftmax"/> describes.
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
        Span<float> candidateGradient,
        ReadOnlySpan<float> logitCorrections = default,
        ReadOnlySpan<float> candidateWeights = default)
    {
        int d = dimension;
        bool gradients = !queryGradient.IsEmpty;
        if (!RemoveAccidentalHits && NumHardNegatives == 0)
        {
            if (_deduplicated is null || _deduplicated.Dimension != d)
            {
                _deduplicated = new DeduplicatedInBatchSoftmax(d);
            }

            double loss = _deduplicated.Compute(querySlots, candidateSlots, queries, queryCount, candidates, candidateCount, Temperature, gradients, candidateWeights, logitCorrections);
            if (gradients)
            {
                _deduplicated.QueryGradient.CopyTo(queryGradient);
                _deduplicated.CandidateGradient.CopyTo(candidateGradient);
            }

            return loss;
        }

        // Accidental-hit and hard-negative masks differ per row, so this path works on the full B×B logits;
        // a candidate's identity is its slot.
        if (!candidateWeights.IsEmpty)
        {
            throw new NotSupportedException("Accidental-hit removal and hard-negative mining work on in-batch negatives only, not on extra or catalogue negatives.");
        }

        int b = querySlots.Length;
        var u = new float[b * d];
        var m = new float[b * d];
        for (int i = 0; i < b; i++)
        {
            queries.Slice(querySlots[i] * d, d).CopyTo(u.AsSpan(i * d, d));
            candidates.Slice(candidateSlots[i] * d, d).CopyTo(m.AsSpan(i * d, d));
        }

        var ids = candidateSlots.ToArray();
        float[]? corrections = null;
        if (!logitCorrections.IsEmpty)
        {
            corrections = new float[b];
            for (int i = 0; i < b; i++)
            {
                corrections[i] = logitCorrections[candidateSlots[i]];
            }
        }

        if (!gradients)
        {
            return Dense(u, m, b, d, null, null, ids, corrections);
        }

        var du = new float[b * d];
        var dm = new float[b * d];
        double total = Dense(u, m, b, d, du, dm, ids, corrections);
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

    private double Dense(float[] u, float[] m, int batch, int dimension, float[]? du, float[]? dm, int[]? candidateIds, float[]? corrections)
    {
        if (_dense is null || _dense.Dimension != dimension)
        {
            _dense = new InBatchSoftmax(dimension);
        }

        return _dense.Compute(u, m, batch, du, dm, Temperature, RemoveAccidentalHits ? candidateIds : null, corrections, NumHardNegatives);
    }
}
