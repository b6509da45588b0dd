using Reco.Numerics;

namespace Reco.Losses;

/// <summary>
/// The same loss as <see cref="InBatchSoftmax"/> — TFRS's in-batch softmax cross-entropy, summed over the
/// batch — computed over the batch's distinct queries and distinct candidates.
/// </summary>
/// <remarks>
/// <para>
/// When queries and candidates are rows of embedding tables, a batch repeats them: a batch of 4,096
/// MovieLens ratings holds about 900 distinct users and 1,400 distinct movies. Every query row of the
/// B×B logits is then one of nu distinct rows and every column one of nc distinct columns, so the loss
/// and its gradients follow exactly from the nu×nc logits with multiplicities:
/// for query a with nₐ pairs and candidate c appearing k_c times in the batch,
/// Zₐ = Σ_c k_c·exp(s_ac), loss = Σₐ nₐ·log Zₐ − Σᵢ s_(a(i), c(i)), and
/// ∂loss/∂s_ac = nₐ·k_c·exp(s_ac)/Zₐ − N_ac, where N_ac counts the pairs (a, c) in the batch.
/// The gradients come out already summed per distinct embedding row, the form the optimizer applies.
/// </para>
/// <para>
/// Duplicates stay in the softmax as negatives, as in TFRS without <c>remove_accidental_hits</c>;
/// with accidental-hit removal each row's mask differs, and <see cref="InBatchSoftmax"/> is used instead.
/// </para>
/// </remarks>
public sealed class DeduplicatedInBatchSoftmax
{
    private const int RowBlock = 32;

    private readonly int _dim;
    private readonly int _workers;
    private readonly Distinct _queries = new();
    private readonly Distinct _candidates = new();
    private int[] _rowStart = [];
    private int[] _rowLabel = [];
    private float[] _candidateCounts = [];
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

    /// <summary>Distinct query table rows of the last batch, in order of first appearance.</summary>
    public ReadOnlySpan<int> QueryRows => _queries.Rows;

    /// <summary>∂loss/∂(query embedding) for each of <see cref="QueryRows"/>, row-major.</summary>
    public ReadOnlySpan<float> QueryGradient => _queryGradient.AsSpan(0, _queries.Count * _dim);

    /// <summary>Distinct candidate table rows of the last batch, in order of first appearance.</summary>
    public ReadOnlySpan<int> CandidateRows => _candidates.Rows;

    /// <summary>∂loss/∂(candidate embedding) for each of <see cref="CandidateRows"/>, row-major.</summary>
    public ReadOnlySpan<float> CandidateGradient => _candidateGradient.AsSpan(0, _candidates.Count * _dim);

    /// <summary>
    /// The loss of the batch whose pair i is (query table row <c>queryRows[i]</c>, candidate table row
    /// <c>candidateRows[i]</c>); with <paramref name="computeGradients"/>, also the gradients
    /// (read them from <see cref="QueryGradient"/> and <see cref="CandidateGradient"/>).
    /// </summary>
    public double Compute(ReadOnlySpan<int> queryRows, ReadOnlySpan<int> candidateRows, float[] queryTable, float[] candidateTable, float temperature = 1f, bool computeGradients = true)
    {
        int b = queryRows.Length;
        int d = _dim;
        ArgumentOutOfRangeException.ThrowIfLessThan(b, 1);
        if (candidateRows.Length != b)
        {
            throw new ArgumentException("One candidate per query is needed.", nameof(candidateRows));
        }

        if (!(temperature > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive.");
        }

        int nu = _queries.Build(queryRows, queryTable.Length / d);
        int nc = _candidates.Build(candidateRows, candidateTable.Length / d);
        int ncp = (nc + 15) & ~15;
        EnsureCapacity(b, nu, nc, ncp);

        // Multiplicities, and each query's pairs grouped together (counting sort by query slot).
        Array.Clear(_candidateCounts, 0, ncp);
        Array.Clear(_rowStart, 0, nu + 1);
        for (int i = 0; i < b; i++)
        {
            _candidateCounts[_candidates.SlotOf(i)] += 1f;
            _rowStart[_queries.SlotOf(i) + 1]++;
        }

        for (int a = 0; a < nu; a++)
        {
            _rowStart[a + 1] += _rowStart[a];
        }

        var fill = _rowStart.AsSpan(0, nu).ToArray();
        for (int i = 0; i < b; i++)
        {
            _rowLabel[fill[_queries.SlotOf(i)]++] = _candidates.SlotOf(i);
        }

        Gather(queryTable, _queries.Rows, _u, d);
        Gather(candidateTable, _candidates.Rows, _m, d);
        for (int c = 0; c < nc; c++)
        {
            for (int k = 0; k < d; k++)
            {
                _mt[(k * ncp) + c] = _m[(c * d) + k];
            }
        }

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

    private static void Gather(float[] table, ReadOnlySpan<int> rows, float[] output, int d)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            table.AsSpan(rows[i] * d, d).CopyTo(output.AsSpan(i * d, d));
        }
    }

    private void EnsureCapacity(int b, int nu, int nc, int ncp)
    {
        int d = _dim;
        Grow(ref _rowStart, nu + 1);
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

    /// <summary>The distinct table rows of a batch and each pair's slot among them.</summary>
    private sealed class Distinct
    {
        private int[] _slotOfRow = [];
        private int[] _rows = [];
        private int[] _slotOfPair = [];

        public int Count { get; private set; }

        public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

        public int SlotOf(int pair) => _slotOfPair[pair];

        public int Build(ReadOnlySpan<int> rows, int tableRows)
        {
            if (_slotOfRow.Length < tableRows)
            {
                _slotOfRow = new int[tableRows];
                Array.Fill(_slotOfRow, -1);
            }
            else
            {
                for (int i = 0; i < Count; i++)
                {
                    _slotOfRow[_rows[i]] = -1;
                }
            }

            Grow(ref _rows, rows.Length);
            Grow(ref _slotOfPair, rows.Length);
            Count = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                int row = rows[i];
                if ((uint)row >= (uint)tableRows)
                {
                    throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is outside the table of {tableRows} rows.");
                }

                int slot = _slotOfRow[row];
                if (slot < 0)
                {
                    slot = Count++;
                    _slotOfRow[row] = slot;
                    _rows[slot] = row;
                }

                _slotOfPair[i] = slot;
            }

            return Count;
        }
    }
}
