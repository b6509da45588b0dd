using Reco.Layers;
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
    private SparseGradient? _queryGradient;
    private SparseGradient? _candidateGradient;

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
    /// The loss of a batch of (query row, candidate row) pairs of two embedding tables; with
    /// <paramref name="apply"/>, the gradients summed per distinct row are handed to it
    /// (table, rows, row-major gradients) for each table in turn.
    /// </summary>
    internal double ComputeLoss(ReadOnlySpan<int> queryRows, ReadOnlySpan<int> candidateRows, Embedding queryTable, Embedding candidateTable, GradientSink? apply)
    {
        int d = queryTable.OutputDim;
        if (!RemoveAccidentalHits)
        {
            if (_deduplicated is null || _deduplicated.Dimension != d)
            {
                _deduplicated = new DeduplicatedInBatchSoftmax(d);
            }

            double loss = _deduplicated.Compute(queryRows, candidateRows, queryTable.WeightArray, candidateTable.WeightArray, Temperature, apply is not null);
            if (apply is not null)
            {
                apply(queryTable, _deduplicated.QueryRows, _deduplicated.QueryGradient);
                apply(candidateTable, _deduplicated.CandidateRows, _deduplicated.CandidateGradient);
            }

            return loss;
        }

        // Accidental-hit masks differ per row, so this path works on the full B×B logits.
        int b = queryRows.Length;
        var u = new float[b * d];
        var m = new float[b * d];
        queryTable.Gather(queryRows, u);
        candidateTable.Gather(candidateRows, m);
        if (apply is null)
        {
            return ComputeLoss(u, m, b, d, null, null, candidateRows.ToArray());
        }

        var du = new float[b * d];
        var dm = new float[b * d];
        double total = ComputeLoss(u, m, b, d, du, dm, candidateRows.ToArray());
        if (_queryGradient is null || _queryGradient.TableRows != queryTable.InputDim)
        {
            _queryGradient = new SparseGradient(queryTable.InputDim, d);
        }

        if (_candidateGradient is null || _candidateGradient.TableRows != candidateTable.InputDim)
        {
            _candidateGradient = new SparseGradient(candidateTable.InputDim, d);
        }

        _queryGradient.Aggregate(queryRows, du);
        apply(queryTable, _queryGradient.Rows, _queryGradient.Values);
        _candidateGradient.Aggregate(candidateRows, dm);
        apply(candidateTable, _candidateGradient.Rows, _candidateGradient.Values);
        return total;
    }

    /// <summary>Receives the summed gradient of each distinct row of a table.</summary>
    internal delegate void GradientSink(Embedding table, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients);
}
