using Reco.Losses;
using Reco.Metrics;

namespace Reco.Tasks;

/// <summary>
/// TFRS's retrieval task: owns the loss (in-batch softmax cross-entropy, summed over the batch) and
/// the metrics (usually <see cref="FactorizedTopK{TCandidate}"/>). A model only wires its towers to it.
/// </summary>
public sealed class Retrieval
{
    private InBatchSoftmax? _loss;

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
    /// The loss of a batch and its gradients with respect to both embeddings (see <see cref="InBatchSoftmax"/>);
    /// null gradient buffers compute the loss only.
    /// </summary>
    public double ComputeLoss(float[] queryEmbeddings, float[] candidateEmbeddings, int batch, int dimension, float[]? queryGradient, float[]? candidateGradient, int[]? candidateIds = null)
    {
        if (_loss is null || _loss.Dimension != dimension)
        {
            _loss = new InBatchSoftmax(dimension);
        }

        return _loss.Compute(queryEmbeddings, candidateEmbeddings, batch, queryGradient, candidateGradient, Temperature, RemoveAccidentalHits ? candidateIds : null);
    }
}
