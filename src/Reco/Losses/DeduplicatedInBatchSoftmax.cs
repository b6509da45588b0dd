using Reco.Numerics;

namespace Reco.Losses;

/// <summary>
/// The same loss as <see cref="InBatchSoftmax"/> — TFRS's in-batch softmax cross-entropy, summed over the
/// batch — computed over the batch's distinct queries and distinct candidates.
/// </summary>
/// <remarks>
/// <para>
/// A batch repeats its queries and candidates: a batch of 4,096 MovieLens ratings holds about 900
/// distinct users and 1,400 distinct movies, and a tower maps equal inputs to equal embeddings. Every query row of the
/// B×B logits is then one of nu distinct rows and every column one of nc distinct columns, so the loss
/// and its gradients follow exactly from the nu×nc logits with multiplicities:
/// for query a with nₐ pairs and candidate c appearing k_c times in the batch,
/// Zₐ = Σ_c k_c·exp(s_ac), loss = Σₐ nₐ·log Zₐ − Σᵢ s_(a(i), c(i)), and
/// ∂loss/∂s_ac = nₐ·k_c·exp(s_ac)/Zₐ − N_ac, where N_ac counts the pairs (a, c) in the batch.
/// The gradients come out already summed per distinct query and candidate, which the towers then propagate.
/// </para>
/// <para>
/// Duplicates stay in the softmax as negatives, as in TFRS without <c>remove_accidental_hits</c>;
/// with accidental-hit removal each row's mask differs, and <see cref="InBatchSoftmax"/> is used instead.
/// </para>
/// <para>
/// Two generalisations keep the same kernel: explicit candidate weights w_c replace the batch counts k_c
/// in Zₐ (a candidate set that is not the batch's positives, such as the whole catalogue with weight 1
/// each, or the batch plus sampled negatives), and per-candidate logit corrections b_c are subtracted from
/// every logit of column c, positives included (the sampling-bias correction sₐ_c − log q_c of TFRS's
/// <c>candidate_sampling_probability</c>).
/// </para>
/// </remarks>
public sealed class DeduplicatedInBatchSoftmax
{
    private const int RowBlock = 32;

    private readonly int _dim;
    private readonly int _workers;
    private int _queryCount;
    private int _candidateCount;
    private int[] _rowStart = [];
    private int[] _fill = [];
    private int[] _rowLabel = [];
    private float[] _candidateCounts = [];
    private float[] _corrections = [];
    private bool _corrected;
    private float[] _u = [];
    private float[] _m = [];
    private float[] _mt = [];
    private float[] _logits = [];
    private float[] _queryGradient = [];
    private float[] _candidateGradient = [];
    private double[] _rowLoss = [];

    /// <summary>Creates the loss for embeddings of length <paramref name="dimension"/>.</summary>
    public DeduplicatedInBatchSoftmax(int dimension, int? maxDegreeOfParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
        _workers = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
    }

    /// <summary>Embedding length.</summary>
    public int Dimension => _dim;

    /// <summary>∂loss/∂(query embedding) for each distinct query of the last batch, row-major.</summary>
    public ReadOnlySpan<float> QueryGradient => _queryGradient.AsSpan(0, _queryCount * _dim);

    /// <summary>∂loss/∂(candidate embedding) for each distinct candidate of the last batch, row-major.</summary>
    public ReadOnlySpan<float> CandidateGradient => _candidateGradient.AsSpan(0, _candidateCount * _dim);

    /// <summary>
    /// The loss of the batch whose pair i is (distinct query <c>querySlots[i]</c>, distinct candidate
    /// <c>candidateSlots[i]</c>), given the embeddings of the distinct queries (<paramref name="queryCount"/>
    /// rows of <see cref="Dimension"/> values) and distinct candidates; with <paramref name="computeGradients"/>,
    /// also the gradients per distinct query and candidate (read them from <see cref="QueryGradient"/> and
    /// <see cref="CandidateGradient"/>).
    /// </summary>
    /// <param name="querySlots">Each pair's distinct query.</param>
    /// <param name="candidateSlots">Each pair's distinct candidate.</param>
    /// <param name="queries">The distinct queries' embeddings.</param>
    /// <param name="queryCount">Distinct queries.</param>
    /// <param name="candidates">The distinct candidates' embeddings.</param>
    /// <param name="candidateCount">Distinct candidates.</param>
    /// <param name="temperature">Logits are divided by it.</param>
    /// <param name="computeGradients">Also compute the gradients.</param>
    /// <param name="candidateWeights">How many softmax entries each candidate stands for; empty for its count among the pairs.</param>
    /// <param name="logitCorrections">Subtracted from each candidate's logits after the temperature (for example log q_c); empty for none.</param>
    public double Compute(ReadOnlySpan<int> querySlots, ReadOnlySpan<int> candidateSlots, ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<float> candidates, int candidateCount, float temperature = 1f, bool computeGradients = true, ReadOnlySpan<float> candidateWeights = default, ReadOnlySpan<float> logitCorrections = default)
    {
        int b = querySlots.Length;
        int d = _dim;
        ArgumentOutOfRangeException.ThrowIfLessThan(b, 1);
        if (candidateSlots.Length != b)
        {
            throw new ArgumentException("One candidate per query is needed.", nameof(candidateSlots));
        }

        if (!(temperature > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive.");
        }

        if (queries.Length < (long)queryCount * d || candidates.Length < (long)candidateCount * d)
        {
            throw new ArgumentException("One embedding per distinct query and candidate is needed.");
        }

        if ((!candidateWeights.IsEmpty && candidateWeights.Length < candidateCount) || (!logitCorrections.IsEmpty && logitCorrections.Length < candidateCount))
        {
            throw new ArgumentException("Candidate weights and logit corrections need one value per distinct candidate.");
        }

        int nu = queryCount;
        int nc = candidateCount;
        _queryCount = nu;
        _candidateCount = nc;
        int ncp = (nc + 15) & ~15;
        EnsureCapacity(b, nu, nc, ncp);

        // Multiplicities, and each query's pairs grouped together (counting sort by query slot).
        Array.Clear(_candidateCounts, 0, ncp);
        Array.Clear(_rowStart, 0, nu + 1);
        for (int i = 0; i < b; i++)
        {
            if ((uint)querySlots[i] >= (uint)nu || (uint)candidateSlots[i] >= (uint)nc)
            {
                throw new ArgumentOutOfRangeException(nameof(querySlots), $"Pair {i} names query {querySlots[i]} / candidate {candidateSlots[i]} of {nu} / {nc}.");
            }

            _candidateCounts[candidateSlots[i]] += 1f;
            _rowStart[querySlots[i] + 1]++;
        }

        if (!candidateWeights.IsEmpty)
        {
            candidateWeights[..nc].CopyTo(_candidateCounts);
        }

        _corrected = !logitCorrections.IsEmpty;
        if (_corrected)
        {
            Grow(ref _corrections, nc);
            logitCorrections[..nc].CopyTo(_corrections);
        }

        for (int a = 0; a < nu; a++)
        {
            _rowStart[a + 1] += _rowStart[a];
        }

        var fill = _fill.AsSpan(0, nu);
        _rowStart.AsSpan(0, nu).CopyTo(fill);
        for (int i = 0; i < b; i++)
        {
            _rowLabel[fill[querySlots[i]]++] = candidateSlots[i];
        }

        queries[..(nu * d)].CopyTo(_u);
        candidates[..(nc * d)].CopyTo(_m);
        Transpose.Blocked(_m, d, nc, d, _mt, ncp);

        int blocks = (nu + RowBlock - 1) / RowBlock;
        int workers = Math.Min(_workers, blocks);
        int next = -1;
        float inverseTemperature = 1f / temperature;
        if (workers == 1)
        {
            RunWorker(nu, nc, ncp, blocks, inverseTemperature, computeGradients, ref next);
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => RunWorker(nu, nc, ncp, blocks, inverseTemperature, computeGradients, ref next));
        }

        if (computeGradients)
        {
            // ∂loss/∂M = Gᵀ·U: A is G read transposed (row stride 1, column stride ncp).
            Gemm.MultiplyParallel(nc, d, nu, _logits, 1, ncp, _u, d, _candidateGradient, d, accumulate: false);
        }

        // Summed in row order, so the loss does not depend on which worker took which block.
        double loss = 0;
        for (int a = 0; a < nu; a++)
        {
            loss += _rowLoss[a];
        }

        return loss;
    }

    private void RunWorker(int nu, int nc, int ncp, int blocks, float inverseTemperature, bool computeGradients, ref int next)
    {
        int d = _dim;
        while (true)
        {
            int block = Interlocked.Increment(ref next);
            if (block >= blocks)
            {
                return;
            }

            int a0 = block * RowBlock;
            int rows = Math.Min(RowBlock, nu - a0);
            Gemm.Multiply(rows, nc, d, _u.AsSpan(a0 * d, rows * d), d, 1, _mt, ncp, _logits.AsSpan(a0 * ncp, rows * ncp), ncp, accumulate: false);
            for (int a = a0; a < a0 + rows; a++)
            {
                _rowLoss[a] = SoftmaxGradientInPlace(_logits.AsSpan(a * ncp, nc), a, inverseTemperature, computeGradients);
            }

            if (computeGradients)
            {
                Gemm.Multiply(rows, d, nc, _logits.AsSpan(a0 * ncp, rows * ncp), ncp, 1, _m, d, _queryGradient.AsSpan(a0 * d, rows * d), d, accumulate: false);
            }
        }
    }

    /// <summary>Turns query a's logits into ∂loss/∂logits in place and returns the loss of all of a's pairs.</summary>
    private double SoftmaxGradientInPlace(Span<float> row, int a, float inverseTemperature, bool computeGradients)
    {
        if (inverseTemperature != 1f)
        {
            Softmax.Scale(row, inverseTemperature);
        }

        if (_corrected)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(row, _corrections.AsSpan(0, row.Length), row);
        }

        int start = _rowStart[a];
        int end = _rowStart[a + 1];
        double positives = 0;
        for (int r = start; r < end; r++)
        {
            positives += row[_rowLabel[r]];
        }

        float max = Softmax.Max(row);
        float z = Softmax.ExpShiftedInPlace(row, max, _candidateCounts);
        int pairs = end - start;
        double loss = (pairs * (Math.Log(z) + max)) - positives;
        if (computeGradients)
        {
            Softmax.Scale(row, _candidateCounts, pairs * inverseTemperature / z);
            for (int r = start; r < end; r++)
            {
                row[_rowLabel[r]] -= inverseTemperature;
            }
        }

        return loss;
    }

    private void EnsureCapacity(int b, int nu, int nc, int ncp)
    {
        int d = _dim;
        Grow(ref _rowStart, nu + 1);
        Grow(ref _fill, nu);
        Grow(ref _rowLabel, b);
        Grow(ref _candidateCounts, ncp);
        Grow(ref _u, nu * d);
        Grow(ref _m, nc * d);
        Grow(ref _mt, d * ncp);
        Grow(ref _logits, nu * ncp);
        Grow(ref _queryGradient, nu * d);
        Grow(ref _candidateGradient, nc * d);
        Grow(ref _rowLoss, nu);
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
