using Reco.Numerics;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// The most similar entities of each entity (positive similarities only, best first), precomputed, in
/// compressed rows: an entity with few positively similar ones takes only their room.
/// </summary>
internal sealed class NeighbourLists
{
    private readonly int[] _start;
    private readonly int[] _index;
    private readonly float[] _similarity;

    /// <param name="k">The most neighbours any entity keeps.</param>
    /// <param name="start">Where each entity's list starts in <paramref name="index"/>; one more than the entities.</param>
    /// <param name="index">The neighbours, entity after entity.</param>
    /// <param name="similarity">Their similarities, parallel to <paramref name="index"/>.</param>
    public NeighbourLists(int k, int[] start, int[] index, float[] similarity)
    {
        K = k;
        _start = start;
        _index = index;
        _similarity = similarity;
    }

    public int K { get; }

    public int[] Starts => _start;

    public int[] Indices => _index;

    public float[] Similarities => _similarity;

    public ReadOnlySpan<int> Of(int entity) => _index.AsSpan(_start[entity], _start[entity + 1] - _start[entity]);

    public ReadOnlySpan<float> SimilaritiesOf(int entity) => _similarity.AsSpan(_start[entity], _start[entity + 1] - _start[entity]);

    /// <summary>Lists stored k per entity, padded with −1 (the layout of earlier saved models).</summary>
    public static NeighbourLists FromPadded(int k, int[] index, float[] similarity)
    {
        int entities = k == 0 ? 0 : index.Length / k;
        var start = new int[entities + 1];
        var kept = new List<int>();
        var sims = new List<float>();
        for (int e = 0; e < entities; e++)
        {
            for (int c = 0; c < k && index[(e * k) + c] >= 0; c++)
            {
                kept.Add(index[(e * k) + c]);
                sims.Add(similarity[(e * k) + c]);
            }

            start[e + 1] = kept.Count;
        }

        return new NeighbourLists(k, start, [.. kept], [.. sims]);
    }

    /// <summary>The neighbours of <paramref name="entity"/> with their similarities, best first.</summary>
    public IReadOnlyList<ScoredItem> Scored(int entity)
    {
        var index = Of(entity);
        var sims = SimilaritiesOf(entity);
        var result = new ScoredItem[index.Length];
        for (int r = 0; r < index.Length; r++)
        {
            result[r] = new ScoredItem(index[r], sims[r]);
        }

        return result;
    }

    /// <summary>
    /// The lists a model with <paramref name="k"/> neighbours keeps: <paramref name="listSize"/> per entity
    /// but at least k, or every positively similar one when <paramref name="listSize"/> is 0.
    /// </summary>
    public static NeighbourLists Precompute(float[] sim, int n, int k, int listSize) =>
        FromMatrix(sim, n, Kept(n, k, listSize));

    /// <summary>How many neighbours an entity keeps: <paramref name="listSize"/> but at least k, or all when it is 0.</summary>
    public static int Kept(int n, int k, int listSize) => listSize > 0 ? Math.Max(k, listSize) : n;

    /// <summary>Keeps the top k positive entries of each row of the n × n <paramref name="sim"/>, self excluded.</summary>
    public static NeighbourLists FromMatrix(float[] sim, int n, int k)
    {
        k = Math.Min(k, Math.Max(n - 1, 0));
        var index = new int[n * k];
        var similarity = new float[n * k];
        Parallel.For(0, n, e =>
        {
            var row = sim.AsSpan(e * n, n);
            for (int j = 0; j < n; j++)
            {
                if (!(row[j] > 0) || j == e)
                {
                    row[j] = float.NaN;
                }
            }

            var best = index.AsSpan(e * k, k);
            int found = TopK.Select(row, best);
            for (int r = 0; r < k; r++)
            {
                similarity[(e * k) + r] = r < found ? row[best[r]] : 0f;
                if (r >= found)
                {
                    best[r] = -1;
                }
            }
        });
        return FromPadded(k, index, similarity);
    }

    /// <summary>Top k positive entries of a single row (fold-in).</summary>
    public static (int[] Index, float[] Similarity) FromRow(float[] row, int k)
    {
        for (int j = 0; j < row.Length; j++)
        {
            if (!(row[j] > 0))
            {
                row[j] = float.NaN;
            }
        }

        var best = new int[Math.Min(k, row.Length)];
        int found = TopK.Select(row, best);
        return (best[..found], [.. best[..found].Select(j => row[j])]);
    }
}
