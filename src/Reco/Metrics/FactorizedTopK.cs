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

        // Unique queries of this update, so a user with many pairs is scored once.
        var slotOfRow = new Dictionary<int, int>();
        var pairSlot = new int[n];
        var uniqueRows = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!slotOfRow.TryGetValue(queryRows[i], out int slot))
            {
                slot = uniqueRows.Count;
                slotOfRow.Add(queryRows[i], slot);
                uniqueRows.Add(queryRows[i]);
            }

            pairSlot[i] = slot;
        }

        int nq = uniqueRows.Count;
        var q = new float[nq * d];
        for (int s = 0; s < nq; s++)
        {
            queryTable.AsSpan(uniqueRows[s] * d, d).CopyTo(q.AsSpan(s * d, d));
        }

        // Catalogue embeddings with the current weights, transposed (d × N) for the product.
        int catalogue = _catalogueRows.Length;
        var table = CandidateModel.Embedding.WeightArray;
        var ct = new float[d * catalogue];
        for (int c = 0; c < catalogue; c++)
        {
            int src = _catalogueRows[c] * d;
            for (int k = 0; k < d; k++)
            {
                ct[(k * catalogue) + c] = table[src + k];
            }
        }

        var scores = new float[nq * catalogue];
        Gemm.MultiplyParallel(nq, catalogue, d, q, d, 1, ct, catalogue, scores, catalogue, accumulate: false);

        var positives = positiveRows.ToArray();
        int maxK = Ks[^1];
        var hits = new long[Ks.Count];
        var gate = new Lock();
        Parallel.For(
            0,
            Math.Max(1, Math.Min(Environment.ProcessorCount, n / 256)),
            () => new long[Ks.Count],
            (part, _, local) =>
            {
                int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 256));
                int start = (int)((long)n * part / parts);
                int end = (int)((long)n * (part + 1) / parts);
                for (int i = start; i < end; i++)
                {
                    var row = scores.AsSpan(pairSlot[i] * catalogue, catalogue);
                    float positive = PositiveScore(row, q.AsSpan(pairSlot[i] * d, d), positives[i], table, d);
                    int rank = Counting.CountGreaterThan(row, positive);
                    if (rank >= maxK)
                    {
                        continue;
                    }

                    for (int k = 0; k < Ks.Count; k++)
                    {
                        if (rank < Ks[k])
                        {
                            local[k]++;
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (int k = 0; k < hits.Length; k++)
                    {
                        hits[k] += local[k];
                    }
                }
            });

        for (int k = 0; k < hits.Length; k++)
        {
            _hits[k] += hits[k];
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
}
