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
/// beat its positive, which gives the same hits as a top-k retrieval.
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
        buffers.EnsureScores(nq, d, catalogue);

        // Catalogue embeddings with the current weights, transposed (d × N) for the product.
        var embedded = buffers.Catalogue;
        CandidateModel.Call(_catalogue, embedded);
        var ct = buffers.CatalogueT;
        for (int c = 0; c < catalogue; c++)
        {
            int src = c * d;
            for (int k = 0; k < d; k++)
            {
                ct[(k * catalogue) + c] = embedded[src + k];
            }
        }

        var q = batch.Queries;
        var scores = buffers.Scores;
        Gemm.MultiplyParallel(nq, catalogue, d, q, d, 1, ct, catalogue, scores, catalogue, accumulate: false);

        // The pairs' positive scores, computed here because spans cannot enter the parallel loop.
        var positives = buffers.PositiveScores(n);
        var querySlots = batch.QuerySlots;
        var candidateSlots = batch.CandidateSlots;
        for (int i = 0; i < n; i++)
        {
            int slot = querySlots[i];
            int candidate = candidateSlots[i];
            int column = batch.CandidateColumns[candidate];

            // Taken from the same product as the catalogue's scores when the positive is in the
            // catalogue, so that equal embeddings give bit-identical scores.
            positives[i] = column >= 0
                ? scores[(slot * catalogue) + column]
                : System.Numerics.Tensors.TensorPrimitives.Dot(q.Slice(slot * d, d), batch.Candidates.Slice(candidate * d, d));
            buffers.PairSlot[i] = slot;
        }

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
                int rank = Counting.CountGreaterThan(row, positives[i]);
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
    bool ICandidateCatalogue<TCandidate>.Uses(ITower<TCandidate> candidateModel) => ReferenceEquals(candidateModel, CandidateModel);

    /// <inheritdoc/>
    int ICandidateCatalogue<TCandidate>.ColumnOf(TCandidate candidate) => _columnOf.TryGetValue(candidate, out int column) ? column : -1;

    /// <summary>Work buffers reused across updates, so a training step allocates nothing here.</summary>
    private sealed class Buffers
    {
        public int[] PairSlot { get; private set; } = [];

        public float[] Catalogue { get; private set; } = [];

        public float[] CatalogueT { get; private set; } = [];

        public float[] Scores { get; private set; } = [];

        private float[] _positives = [];

        private long[][] _partHits = [];

        public float[] PositiveScores(int pairs)
        {
            if (_positives.Length < pairs)
            {
                _positives = new float[pairs];
                PairSlot = new int[pairs];
            }

            return _positives;
        }

        public void EnsureScores(int queries, int d, int catalogue)
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
