using Reco.Layers;
using Reco.Numerics;
using Reco.Data.Sources.Parquet;

namespace Reco.Metrics;

/// <summary>
/// TFRS's <c>FactorizedTopK</c> metric: for each (query, positive candidate) pair, whether the
/// positive's score ranks within the top k of the scores of every candidate in the catalogue,
/// for each k in <see cref="Ks"/>. Ties with the positive count in its favour, as
/// <c>tf.math.in_top_k</c> does.
/// </summary>
/// <remarks>
/// The catalogue is re-embedded with the candidate tower's current weights at every update, as the
/// TFRS metric re-reads its candidate dataset. Each distinct query of an update (one user with many
/// ratings) is scored against the catalogue once; each pair then only counts how many candidate scores
/// beat its positive, which gives the same hits as a top-k retrieval, and stops counting at the largest
/// cut-off. Queries are scored and their pairs ranked in one parallel pass, a block of queries per task,
/// so the scores are ranked while they are still in cache.
/// </remarks>
/// <typeparam name="TCandidate">The candidate's raw feature type (for example the movie title).</typeparam>
public sealed class FactorizedTopK<TCandidate> : RetrievalMetric, ICandidateCatalogue<TCandidate>
    where TCandidate : notnull
{
    private static readonly int[] DefaultKs = [1, 5, 10, 50, 100];

    private readonly TCandidate[] _catalogue;
    private readonly Dictionary<TCandidate, int> _columnOf = [];
    private readonly long[] _hits;
    private long _count;
    private Buffers? _buffers;

    /// <summary>Creates the metric over a catalogue of candidates embedded by <paramref name="candidateModel"/>.</summary>
    /// <param name="candidates">The catalogue (for example every movie title); duplicates are kept, as in TFRS.</param>
    /// <param name="candidateModel">The candidate tower, the same one the model trains.</param>
    /// <param name="ks">The cut-offs; by default 1, 5, 10, 50 and 100.</param>
    public FactorizedTopK(IReadOnlyList<TCandidate> candidates, ITower<TCandidate> candidateModel, IReadOnlyList<int>? ks = null)
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
        _catalogue = [.. candidates];
        for (int c = 0; c < _catalogue.Length; c++)
        {
            _columnOf.TryAdd(_catalogue[c], c);
        }

        _hits = new long[Ks.Count];
    }

    /// <summary>The cut-offs, ascending.</summary>
    public IReadOnlyList<int> Ks { get; }

    /// <summary>The candidate tower the catalogue is embedded with.</summary>
    public ITower<TCandidate> CandidateModel { get; }

    /// <summary>Number of candidates in the catalogue.</summary>
    public int CatalogueSize => _catalogue.Length;

    /// <inheritdoc/>
    IReadOnlyList<TCandidate> ICandidateCatalogue<TCandidate>.Candidates => _catalogue;

    /// <summary>Pairs seen since the last reset.</summary>
    public long Count => _count;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Names => [.. Ks.Select(k => $"factorized_top_k@{k}")];

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
            result[$"factorized_top_k@{Ks[i]}"] = _count == 0 ? 0 : (double)_hits[i] / _count;
        }

        return result;
    }

    /// <inheritdoc/>
    internal override void Update(in RetrievalBatch batch)
    {
        int d = CandidateModel.OutputDim;
        int n = batch.Count;
        if (batch.Dimension != d)
        {
            throw new ArgumentException($"The queries are {batch.Dimension}-d but the catalogue's embeddings are {d}-d.");
        }

        if (n == 0)
        {
            return;
        }

        int nq = batch.Queries.Length / d;
        int catalogue = _catalogue.Length;
        var buffers = _buffers ??= new Buffers();
        buffers.Ensure(nq, d, catalogue, n);

        // Catalogue embeddings with the current weights, transposed (d × N) for the product.
        var embedded = buffers.Catalogue;
        CandidateModel.Call(_catalogue, embedded);
        Transpose.Blocked(embedded, d, catalogue, d, buffers.CatalogueT, catalogue);
        batch.Queries.CopyTo(buffers.Queries);

        // Pairs grouped by query (a counting sort), so each query's scores are ranked right after they are computed.
        var querySlots = batch.QuerySlots;
        var pairStart = buffers.PairStart;
        Array.Clear(pairStart, 0, nq + 1);
        foreach (int slot in querySlots)
        {
            pairStart[slot + 1]++;
        }

        for (int slot = 0; slot < nq; slot++)
        {
            pairStart[slot + 1] += pairStart[slot];
        }

        var fill = buffers.Fill;
        Array.Copy(pairStart, fill, nq);
        var positives = buffers.Positives;
        var pairColumn = buffers.PairColumn;
        for (int i = 0; i < n; i++)
        {
            int at = fill[querySlots[i]]++;
            int candidate = batch.CandidateSlots[i];
            int column = batch.CandidateColumns[candidate];
            pairColumn[at] = column;

            // A positive outside the catalogue is scored here (spans cannot enter the parallel loop); one in it
            // is read from the same product as the catalogue's scores, so equal embeddings tie bit for bit.
            if (column < 0)
            {
                positives[at] = System.Numerics.Tensors.TensorPrimitives.Dot(batch.Queries.Slice(querySlots[i] * d, d), batch.Candidates.Slice(candidate * d, d));
            }
        }

        // One parallel pass: each part scores its queries against the catalogue, then ranks their positives.
        long work = (long)nq * catalogue * d;
        int parts = work < (1L << 20) ? 1 : Math.Min(nq, 3 * Environment.ProcessorCount);
        var partHits = buffers.PartHits(parts, Ks.Count);
        var ks = buffers.Ks(Ks);
        int maxK = ks[^1];
        if (parts == 1)
        {
            ScoreAndRank(0, nq, d, catalogue, buffers, ks, maxK, partHits[0]);
        }
        else
        {
            Parallel.For(0, parts, part => ScoreAndRank(
                (int)((long)nq * part / parts), (int)((long)nq * (part + 1) / parts), d, catalogue, buffers, ks, maxK, partHits[part]));
        }

        foreach (var local in partHits)
        {
            for (int k = 0; k < _hits.Length; k++)
            {
                _hits[k] += local[k];
            }
        }

        _count += n;
    }

    /// <summary>Scores queries [from, to) against the catalogue and counts the hits of their pairs into <paramref name="hits"/>.</summary>
    private static void ScoreAndRank(int from, int to, int d, int catalogue, Buffers buffers, int[] ks, int maxK, long[] hits)
    {
        Array.Clear(hits);
        if (from == to)
        {
            return;
        }

        var scores = buffers.Scores;
        Gemm.Multiply(
            to - from, catalogue, d, buffers.Queries.AsSpan(from * d, (to - from) * d), d, 1, buffers.CatalogueT, catalogue,
            scores.AsSpan(from * catalogue, (to - from) * catalogue), catalogue, accumulate: false);
        var pairStart = buffers.PairStart;
        var positives = buffers.Positives;
        var pairColumn = buffers.PairColumn;
        for (int slot = from; slot < to; slot++)
        {
            var row = scores.AsSpan(slot * catalogue, catalogue);
            for (int at = pairStart[slot]; at < pairStart[slot + 1]; at++)
            {
                float positive = pairColumn[at] >= 0 ? row[pairColumn[at]] : positives[at];
                int rank = Counting.CountGreaterThan(row, positive, maxK);
                for (int k = 0; k < ks.Length; k++)
                {
                    if (rank < ks[k])
                    {
                        hits[k]++;
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    bool ICandidateCatalogue<TCandidate>.Uses(ITower<TCandidate> candidateModel) => ReferenceEquals(candidateModel, CandidateModel);

    /// <inheritdoc/>
    int ICandidateCatalogue<TCandidate>.ColumnOf(TCandidate candidate) => _columnOf.TryGetValue(candidate, out int column) ? column : -1;

    /// <summary>Work buffers reused across updates, so a training step allocates nothing here.</summary>
    private sealed class Buffers
    {
        private long[][] _partHits = [];
        private int[] _ks = [];

        public float[] Catalogue { get; private set; } = [];

        public float[] CatalogueT { get; private set; } = [];

        public float[] Queries { get; private set; } = [];

        public float[] Scores { get; private set; } = [];

        /// <summary>Where each query's pairs start in the grouped order; one more than the queries.</summary>
        public int[] PairStart { get; private set; } = [];

        public int[] Fill { get; private set; } = [];

        /// <summary>Each grouped pair's positive column in the catalogue, or −1.</summary>
        public int[] PairColumn { get; private set; } = [];

        /// <summary>Each grouped pair's positive score when it is not in the catalogue.</summary>
        public float[] Positives { get; private set; } = [];

        public void Ensure(int queries, int d, int catalogue, int pairs)
        {
            if (CatalogueT.Length < d * catalogue)
            {
                CatalogueT = new float[d * catalogue];
                Catalogue = new float[d * catalogue];
            }

            if (Scores.Length < queries * catalogue)
            {
                Scores = new float[queries * catalogue];
            }

            if (Queries.Length < queries * d)
            {
                Queries = new float[queries * d];
            }

            if (PairStart.Length < queries + 1)
            {
                PairStart = new int[queries + 1];
                Fill = new int[queries + 1];
            }

            if (Positives.Length < pairs)
            {
                Positives = new float[pairs];
                PairColumn = new int[pairs];
            }
        }

        public int[] Ks(IReadOnlyList<int> ks)
        {
            if (_ks.Length != ks.Count)
            {
                _ks = [.. ks];
            }

            return _ks;
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
