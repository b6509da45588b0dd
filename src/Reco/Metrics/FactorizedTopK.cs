using Reco.Layers;
using Reco.Numerics;

namespace Reco.Metrics;

/// <summary>
/// TFRS's <c>FactorizedTopK</c> metric: for each (query, positive candidate) pair, whether the
/// positive's score ranks within the top k of the scores of every candidate in the catalogue,
/// for each k in <see cref="Ks"/>. Ties with the positive count in its favour, as
/// <c>tf.math.in_top_k</c> does.
/// </summary>
/// <remarks>
/// The catalogue is re-embedded with the candidate tower's current weights at every update, as the
/// TFRS metric re-reads its candidate dataset. Queries that repeat within an update (one user with
/// many ratings) are scored against the catalogue once; each pair then only counts how many
/// candidate scores beat its positive, which gives the same hits as a top-k retrieval.
/// </remarks>
/// <typeparam name="TCandidate">The candidate's raw feature type (for example the movie title).</typeparam>
public sealed class FactorizedTopK<TCandidate> : RetrievalMetric
{
    private static readonly int[] DefaultKs = [1, 5, 10, 50, 100];

    private readonly int[] _catalogueRows;
    private readonly int[] _catalogueRowOfIndex;
    private readonly long[] _hits;
    private long _count;
    private Buffers? _buffers;

    /// <summary>Creates the metric over a catalogue of candidates embedded by <paramref name="candidateModel"/>.</summary>
    /// <param name="candidates">The catalogue (for example every movie title); duplicates are kept, as in TFRS.</param>
    /// <param name="candidateModel">The candidate tower, the same one the model trains.</param>
    /// <param name="ks">The cut-offs; by default 1, 5, 10, 50 and 100.</param>
    public FactorizedTopK(IReadOnlyList<TCandidate> candidates, Sequential<TCandidate> candidateModel, IReadOnlyList<int>? ks = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(candidateModel);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("The candidate catalogue is empty.", nameof(candidates));
        }

        Ks = [.. (ks ?? DefaultKs).Order()];
        if (Ks.Count == 0 || Ks[0] < 1)
        {
            throw new ArgumentException("Every k must be at least 1.", nameof(ks));
        }

        CandidateModel = candidateModel;
        _catalogueRows = candidateModel.LookupAll(candidates);
        _catalogueRowOfIndex = new int[candidateModel.Embedding.InputDim];
        Array.Fill(_catalogueRowOfIndex, -1);
        for (int r = _catalogueRows.Length - 1; r >= 0; r--)
        {
            _catalogueRowOfIndex[_catalogueRows[r]] = r;
        }

        _hits = new long[Ks.Count];
    }

    /// <summary>The cut-offs, ascending.</summary>
    public IReadOnlyList<int> Ks { get; }

    /// <summary>The candidate tower the catalogue is embedded with.</summary>
    public Sequential<TCandidate> CandidateModel { get; }

    /// <summary>Number of candidates in the catalogue.</summary>
    public int CatalogueSize => _catalogueRows.Length;

    /// <summary>Pairs seen since the last reset.</summary>
    public long Count => _count;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Names => [.. Ks.Select(k => $"factorized_top_k/top_{k}_categorical_accuracy")];

    /// <inheritdoc/>
    public override void Reset()
    {
        Array.Clear(_hits);
        _count = 0;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Result()
    {
        var result = new Dictionary<string, double>();
        for (int i = 0; i < Ks.Count; i++)
        {
            result[$"factorized_top_k/top_{Ks[i]}_categorical_accuracy"] = _count == 0 ? 0 : (double)_hits[i] / _count;
        }

        return result;
    }

    /// <inheritdoc/>
    internal override void Update(ReadOnlySpan<int> queryRows, float[] queryTable, ReadOnlySpan<int> positiveRows)
    {
        int d = CandidateModel.OutputDim;
        int n = queryRows.Length;
        if (positiveRows.Length != n)
        {
            throw new ArgumentException("One positive per query is needed.");
        }

        if (n == 0)
        {
            return;
        }

        // Distinct queries of this update, so a user with many pairs is scored once.
        int tableRows = queryTable.Length / d;
        var buffers = _buffers ??= new Buffers();
        buffers.EnsureQueries(n, tableRows);
        int nq = 0;
        for (int i = 0; i < n; i++)
        {
            int row = queryRows[i];
            if ((uint)row >= (uint)tableRows)
            {
                throw new ArgumentOutOfRangeException(nameof(queryRows), row, $"Query row {row} is outside the table of {tableRows} rows.");
            }

            int slot = buffers.SlotOfRow[row];
            if (slot < 0)
            {
                slot = nq++;
                buffers.SlotOfRow[row] = slot;
                buffers.UniqueRows[slot] = row;
            }

            buffers.PairSlot[i] = slot;
            buffers.Positives[i] = positiveRows[i];
        }

        for (int s = 0; s < nq; s++)
        {
            buffers.SlotOfRow[buffers.UniqueRows[s]] = -1;
        }

        int catalogue = _catalogueRows.Length;
        buffers.EnsureScores(nq, d, catalogue);
        var q = buffers.Queries;
        for (int s = 0; s < nq; s++)
        {
            queryTable.AsSpan(buffers.UniqueRows[s] * d, d).CopyTo(q.AsSpan(s * d, d));
        }

        // Catalogue embeddings with the current weights, transposed (d × N) for the product.
        var table = CandidateModel.Embedding.WeightArray;
        var ct = buffers.CatalogueT;
        for (int c = 0; c < catalogue; c++)
        {
            int src = _catalogueRows[c] * d;
            for (int k = 0; k < d; k++)
            {
                ct[(k * catalogue) + c] = table[src + k];
            }
        }

        var scores = buffers.Scores;
        Gemm.MultiplyParallel(nq, catalogue, d, q, d, 1, ct, catalogue, scores, catalogue, accumulate: false);

        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 1024));
        var partHits = buffers.PartHits(parts, Ks.Count);
        Parallel.For(0, parts, part =>
        {
            var local = partHits[part];
            Array.Clear(local);
            int start = (int)((long)n * part / parts);
            int end = (int)((long)n * (part + 1) / parts);
            int maxK = Ks[^1];
            for (int i = start; i < end; i++)
            {
                int slot = buffers.PairSlot[i];
                var row = scores.AsSpan(slot * catalogue, catalogue);
                float positive = PositiveScore(row, q.AsSpan(slot * d, d), buffers.Positives[i], table, d);
                int rank = Counting.CountGreaterThan(row, positive);
                if (rank >= maxK)
                {
                    continue;
                }

                for (int k = 0; k < local.Length; k++)
                {
                    if (rank < Ks[k])
                    {
                        local[k]++;
                    }
                }
            }
        });

        foreach (var local in partHits)
        {
            for (int k = 0; k < _hits.Length; k++)
            {
                _hits[k] += local[k];
            }
        }

        _count += n;
    }

    /// <inheritdoc/>
    internal override bool Uses<T>(Sequential<T> candidateModel) => ReferenceEquals(candidateModel, CandidateModel);

    /// <summary>
    /// The positive's score, taken from the same product as the catalogue's scores when the positive
    /// is in the catalogue, so that equal embeddings give bit-identical scores.
    /// </summary>
    private float PositiveScore(ReadOnlySpan<float> scoreRow, ReadOnlySpan<float> query, int positiveIndex, float[] table, int d)
    {
        int column = (uint)positiveIndex < (uint)_catalogueRowOfIndex.Length ? _catalogueRowOfIndex[positiveIndex] : -1;
        if (column >= 0)
        {
            return scoreRow[column];
        }

        return System.Numerics.Tensors.TensorPrimitives.Dot(query, table.AsSpan(positiveIndex * d, d));
    }

    /// <summary>Work buffers reused across updates, so a training step allocates nothing here.</summary>
    private sealed class Buffers
    {
        public int[] SlotOfRow { get; private set; } = [];

        public int[] UniqueRows { get; private set; } = [];

        public int[] PairSlot { get; private set; } = [];

        public int[] Positives { get; private set; } = [];

        public float[] Queries { get; private set; } = [];

        public float[] CatalogueT { get; private set; } = [];

        public float[] Scores { get; private set; } = [];

        private long[][] _partHits = [];

        public void EnsureQueries(int pairs, int tableRows)
        {
            if (SlotOfRow.Length < tableRows)
            {
                SlotOfRow = new int[tableRows];
                Array.Fill(SlotOfRow, -1);
            }

            if (PairSlot.Length < pairs)
            {
                PairSlot = new int[pairs];
                Positives = new int[pairs];
                UniqueRows = new int[pairs];
            }
        }

        public void EnsureScores(int queries, int d, int catalogue)
        {
            if (Queries.Length < queries * d)
            {
                Queries = new float[queries * d];
            }

            if (CatalogueT.Length < d * catalogue)
            {
                CatalogueT = new float[d * catalogue];
            }

            if (Scores.Length < queries * catalogue)
            {
                Scores = new float[queries * catalogue];
            }
        }

        public long[][] PartHits(int parts, int ks)
        {
            if (_partHits.Length != parts)
            {
                _partHits = [.. Enumerable.Range(0, parts).Select(_ => new long[ks])];
            }

            return _partHits;
        }
    }
}
