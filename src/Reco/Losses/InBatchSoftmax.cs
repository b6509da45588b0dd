using Reco.Numerics;

namespace Reco.Losses;

/// <summary>
/// The in-batch softmax cross-entropy of TFRS's <c>Retrieval</c> task, fused with its gradient.
/// For a batch of B query embeddings U and their B positive candidate embeddings M, the logits are
/// S = U·Mᵀ / temperature (B×B); row i is a softmax over every candidate in the batch whose label is
/// candidate i; the loss is summed over the batch (TFRS uses reduction SUM).
/// </summary>
/// <remarks>
/// The B×B logits are never materialised: each worker takes a block of <see cref="RowBlock"/> rows,
/// computes their logits, turns them into softmax gradients in place while they are hot in cache,
/// and folds them straight into both gradients (dU = G·M for its own rows, dMᵀ += Uᵀ·G into a
/// per-worker accumulator that is summed at the end). Buffers are reused across batches, so a
/// training step allocates nothing.
/// <para>
/// Each row's softmax can be narrowed as TFRS's task narrows it: accidental hits (other columns holding the
/// row's positive) removed, logit corrections subtracted per column (the sampling-bias correction
/// s − log q), and hard-negative mining that keeps only the positive and the row's highest-scoring other
/// columns.
/// </para>
/// </remarks>
public sealed class InBatchSoftmax
{
    /// <summary>Rows of the logits each worker processes at a time (a 64×4096 block is 1 MiB).</summary>
    internal const int RowBlock = 64;

    private readonly int _dim;
    private readonly int _workers;
    private float[] _candidatesT = [];
    private Workspace[] _workspaces = [];
    private int _capacity;

    /// <summary>Creates the loss for embeddings of length <paramref name="dimension"/>.</summary>
    /// <param name="dimension">Embedding length.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; by default one per core.</param>
    public InBatchSoftmax(int dimension, int? maxDegreeOfParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
        _workers = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
    }

    /// <summary>Embedding length.</summary>
    public int Dimension => _dim;

    /// <summary>
    /// Computes the summed loss of a batch and writes dLoss/dU and dLoss/dM.
    /// </summary>
    /// <param name="queries">B×d query embeddings, row-major.</param>
    /// <param name="candidates">B×d positive candidate embeddings, row-major; row i is the label of query i.</param>
    /// <param name="batch">B.</param>
    /// <param name="queryGradient">Receives B×d; pass null (with <paramref name="candidateGradient"/>) to compute the loss only.</param>
    /// <param name="candidateGradient">Receives B×d, or null.</param>
    /// <param name="temperature">Logits are divided by it (1 leaves them unchanged).</param>
    /// <param name="candidateIds">
    /// With accidental-hit removal: an identifier per candidate row; other rows with the same
    /// identifier as the positive are masked out of that row's softmax. Null to keep them.
    /// </param>
    /// <param name="logitCorrections">Subtracted from every logit of column j after the temperature (for example log q_j); null for none.</param>
    /// <param name="hardNegatives">When above 0, each row keeps only its positive and this many of its highest other logits (TFRS's <c>num_hard_negatives</c>).</param>
    /// <returns>The loss summed over the batch.</returns>
    public double Compute(
        float[] queries,
        float[] candidates,
        int batch,
        float[]? queryGradient,
        float[]? candidateGradient,
        float temperature = 1f,
        int[]? candidateIds = null,
        float[]? logitCorrections = null,
        int hardNegatives = 0)
    {
        int d = _dim;
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if ((queryGradient is null) != (candidateGradient is null))
        {
            throw new ArgumentException("Pass both gradient buffers, or neither to compute the loss only.");
        }

        if (queries.Length < batch * d || candidates.Length < batch * d || queryGradient?.Length < batch * d || candidateGradient?.Length < batch * d)
        {
            throw new ArgumentException($"Every buffer must hold at least {batch}×{d} values.");
        }

        if (!(temperature > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive.");
        }

        if (candidateIds is not null && candidateIds.Length < batch)
        {
            throw new ArgumentException("One candidate id per row is needed.", nameof(candidateIds));
        }

        if (logitCorrections is not null && logitCorrections.Length < batch)
        {
            throw new ArgumentException("One logit correction per column is needed.", nameof(logitCorrections));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(hardNegatives);

        int padded = (batch + 15) & ~15;
        EnsureCapacity(padded);

        // Mᵀ (d × padded) so each logits row is a broadcast-A, contiguous-B product.
        var mt = _candidatesT;
        for (int j = 0; j < batch; j++)
        {
            int src = j * d;
            for (int k = 0; k < d; k++)
            {
                mt[(k * padded) + j] = candidates[src + k];
            }
        }

        for (int k = 0; k < d; k++)
        {
            Array.Clear(mt, (k * padded) + batch, padded - batch);
        }

        int blocks = (batch + RowBlock - 1) / RowBlock;
        int workers = Math.Min(_workers, blocks);
        var job = new Job(queries, candidates, batch, padded, queryGradient, 1f / temperature, candidateIds, logitCorrections, hardNegatives);

        if (workers == 1)
        {
            RunWorker(_workspaces[0], job, blocks, 0, 1);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => RunWorker(_workspaces[w], job, blocks, w, workers));
        }

        double loss = 0;
        for (int w = 0; w < workers; w++)
        {
            loss += _workspaces[w].Loss;
        }

        if (candidateGradient is null)
        {
            return loss;
        }

        // dM = Σ_workers dMᵀ, transposed back to rows.
        for (int j = 0; j < batch; j++)
        {
            int dst = j * d;
            for (int k = 0; k < d; k++)
            {
                float sum = 0f;
                for (int w = 0; w < workers; w++)
                {
                    sum += _workspaces[w].CandidateGradientT[(k * padded) + j];
                }

                candidateGradient[dst + k] = sum;
            }
        }

        return loss;
    }

    /// <summary>Processes blocks first, first + stride, …: a fixed assignment, so sums (and results) do not depend on thread timing.</summary>
    private void RunWorker(Workspace ws, Job job, int blocks, int first, int stride)
    {
        int d = _dim;
        int padded = job.Padded;
        int batch = job.Batch;
        bool gradients = job.QueryGradient is not null;
        if (gradients)
        {
            Array.Clear(ws.CandidateGradientT, 0, d * padded);
        }

        ws.Loss = 0;
        double loss = 0;
        var logits = ws.Logits;
        var gradT = ws.CandidateGradientT;
        for (int block = first; block < blocks; block += stride)
        {
            int r0 = block * RowBlock;
            int rows = Math.Min(RowBlock, batch - r0);
            var u = job.Queries.AsSpan(r0 * d, rows * d);

            // S = U_block · Mᵀ
            Gemm.Multiply(rows, padded, d, u, d, 1, _candidatesT, padded, logits, padded, accumulate: false);

            for (int r = 0; r < rows; r++)
            {
                int i = r0 + r;
                var row = logits.AsSpan(r * padded, batch);
                loss += SoftmaxGradientInPlace(row, i, job.InverseTemperature, job.CandidateIds, job.LogitCorrections, job.HardNegatives, ws);
            }

            if (!gradients)
            {
                continue;
            }

            // dU_block = G · M (only the first `batch` columns of G are real; the padding is zero).
            Gemm.Multiply(rows, d, batch, logits, padded, 1, job.Candidates, d, job.QueryGradient!.AsSpan(r0 * d, rows * d), d, accumulate: false);

            // dMᵀ += U_blockᵀ · G
            Gemm.Multiply(d, padded, rows, u, 1, d, logits, padded, gradT, padded, accumulate: true);
        }

        ws.Loss = loss;
    }

    /// <summary>
    /// Replaces raw logits row i with dLoss/dlogits (softmax minus one-hot, scaled by 1/temperature)
    /// and returns that row's cross-entropy.
    /// </summary>
    internal static double SoftmaxGradientInPlace(Span<float> row, int label, float inverseTemperature, int[]? candidateIds)
        => SoftmaxGradientInPlace(row, label, inverseTemperature, candidateIds, null, 0, null);

    private static double SoftmaxGradientInPlace(Span<float> row, int label, float inverseTemperature, int[]? candidateIds, float[]? corrections, int hardNegatives, Workspace? ws)
    {
        if (inverseTemperature != 1f)
        {
            Softmax.Scale(row, inverseTemperature);
        }

        if (corrections is not null)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(row, corrections.AsSpan(0, row.Length), row);
        }

        if (candidateIds is not null)
        {
            int id = candidateIds[label];
            for (int j = 0; j < row.Length; j++)
            {
                if (j != label && candidateIds[j] == id)
                {
                    row[j] = float.NegativeInfinity;
                }
            }
        }

        if (hardNegatives > 0 && hardNegatives < row.Length - 1)
        {
            KeepHardest(row, label, hardNegatives, ws!);
        }

        float positive = row[label];
        float max = Softmax.Max(row);
        float sum = Softmax.ExpShiftedInPlace(row, max);
        double loss = Math.Log(sum) + max - positive;
        Softmax.Scale(row, inverseTemperature / sum);
        row[label] -= inverseTemperature;
        return loss;
    }

    /// <summary>
    /// Masks out every column but the positive and the <paramref name="count"/> highest other logits (ties: lower
    /// column first): the count-th highest value is found by selection in linear time, then one pass keeps what is
    /// above it and, in column order, as many equal to it as are still needed.
    /// </summary>
    private static void KeepHardest(Span<float> row, int label, int count, Workspace ws)
    {
        var others = ws.Scratch(row.Length);
        int m = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j != label)
            {
                others[m++] = row[j];
            }
        }

        float threshold = Selection.Largest(others[..m], count);
        int above = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j != label && row[j] > threshold)
            {
                above++;
            }
        }

        int ties = count - above;
        for (int j = 0; j < row.Length; j++)
        {
            if (j == label || row[j] > threshold)
            {
                continue;
            }

            if (row[j] == threshold && ties > 0)
            {
                ties--;
                continue;
            }

            row[j] = float.NegativeInfinity;
        }
    }

    private void EnsureCapacity(int padded)
    {
        if (padded <= _capacity)
        {
            return;
        }

        _capacity = padded;
        _candidatesT = new float[_dim * padded];
        _workspaces = new Workspace[_workers];
        for (int w = 0; w < _workers; w++)
        {
            _workspaces[w] = new Workspace(new float[RowBlock * padded], new float[_dim * padded]);
        }
    }

    private sealed class Workspace(float[] logits, float[] candidateGradientT)
    {
        private float[] _scratch = [];

        public float[] Logits { get; } = logits;

        public Span<float> Scratch(int columns)
        {
            if (_scratch.Length < columns)
            {
                _scratch = new float[columns];
            }

            return _scratch.AsSpan(0, columns);
        }

        public float[] CandidateGradientT { get; } = candidateGradientT;

        public double Loss { get; set; }
    }

    private sealed record Job(float[] Queries, float[] Candidates, int Batch, int Padded, float[]? QueryGradient, float InverseTemperature, int[]? CandidateIds, float[]? LogitCorrections, int HardNegatives);
}
