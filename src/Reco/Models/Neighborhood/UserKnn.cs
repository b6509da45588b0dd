using Reco.Data;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Neighborhood;

/// <summary>
/// User-based k-nearest neighbours (Resnick et al. 1994; Herlocker et al. 1999). Each user's k most
/// similar users (positive similarities) are precomputed; r̂_ui = c_ui + Σ s_uv (r_vi − c_vi) / Σ s_uv
/// over the neighbours v that rated i, with c the chosen <see cref="Centering"/> (the user's mean for
/// <see cref="Centering.Means"/>). For ranking, an item scores Σ s_uv (r_vi − c_vi) over the neighbours.
/// </summary>
/// <param name="k">Neighbours per user.</param>
/// <param name="similarity">The similarity measure.</param>
/// <param name="shrinkage">Shrinks similarities with few common items towards 0.</param>
/// <param name="centering">What ratings are measured against.</param>
public sealed class UserKnn(int k = 40, SimilarityMeasure similarity = SimilarityMeasure.Cosine, float shrinkage = 0f, Centering centering = Centering.Means)
    : IRatingPredictor, IFoldIn, IPersistentRecommender
{
    private readonly RatingCentre _centre = new(centering, itemMeans: false);
    private NeighbourLists? _neighbours;
    private float[] _itemMeans = [];

    /// <inheritdoc/>
    public string Name => "user-knn";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _centre.Fit(train, 10, 15f, 10f);
        Baselines.MeanRating.Means(train, train.ItemIndices, train.ItemCount, out _itemMeans);
        var byUser = train.ByUser();
        int n = train.UserCount;
        int m = train.ItemCount;
        var d = new float[m * n];
        var mask = new float[d.Length];
        for (int u = 0; u < n; u++)
        {
            var items = byUser.ItemsOf(u);
            var values = byUser.ValuesOf(u);
            for (int p = 0; p < items.Length; p++)
            {
                d[(items[p] * n) + u] = SimilarityValue(items[p], values[p]);
                mask[(items[p] * n) + u] = 1f;
            }
        }

        var sim = SimilarityMatrix.Compute(d, mask, m, n, similarity, shrinkage);
        _neighbours = NeighbourLists.FromMatrix(sim, n, k);
        TrainingData = train;
        new EpochReporter(callbacks, 1, train.Count).EpochEnd(0, 0);
    }

    /// <summary>The precomputed neighbours of <paramref name="user"/> with their similarities, best first.</summary>
    public IReadOnlyList<ScoredItem> Neighbours(int user)
    {
        var lists = Lists();
        var index = lists.Of(user);
        var sims = lists.SimilaritiesOf(user);
        var result = new ScoredItem[index.Length];
        for (int r = 0; r < index.Length; r++)
        {
            result[r] = new ScoredItem(index[r], sims[r]);
        }

        return result;
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        var byUser = train.ByUser();
        var lists = Lists();
        var index = lists.Of(user);
        var sims = lists.SimilaritiesOf(user);
        double num = 0, den = 0;
        for (int r = 0; r < index.Length; r++)
        {
            int v = index[r];
            int at = byUser.ItemsOf(v).BinarySearch(item);
            if (at >= 0)
            {
                num += sims[r] * (byUser.ValuesOf(v)[at] - _centre.Of(v, item));
                den += sims[r];
            }
        }

        float prediction = den > 0 ? _centre.Of(user, item) + (float)(num / den) : _centre.Fallback(user, item);
        return Math.Clamp(prediction, _centre.Min, _centre.Max);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var lists = Lists();
        Score(lists.Of(user), lists.SimilaritiesOf(user), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var order = items.ToArray();
        var values = ratings.IsEmpty ? Enumerable.Repeat(1f, order.Length).ToArray() : ratings.ToArray();
        Array.Sort(order, values);
        var centred = new float[values.Length];
        for (int p = 0; p < order.Length; p++)
        {
            centred[p] = SimilarityValue(order[p], values[p]);
        }

        var byUser = train.ByUser();
        var row = new float[train.UserCount];
        var other = new float[train.ItemCount];
        for (int v = 0; v < row.Length; v++)
        {
            var vi = byUser.ItemsOf(v);
            var vv = byUser.ValuesOf(v);
            for (int p = 0; p < vi.Length; p++)
            {
                other[p] = SimilarityValue(vi[p], vv[p]);
            }

            row[v] = SimilarityMatrix.Pair(order, centred, vi, other.AsSpan(0, vi.Length), similarity, shrinkage);
        }

        var (index, sims) = NeighbourLists.FromRow(row, Lists().K);
        Score(index, sims, scores);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState().Option("k", k).Option("shrinkage", shrinkage);
        state.Options["similarity"] = NeighborhoodNames.Of(similarity);
        state.Options["centering"] = NeighborhoodNames.Of(centering);
        state.Ints["neighbours"] = Lists().Indices;
        state.Floats["similarities"] = Lists().Similarities;
        state.Floats["item_means"] = _itemMeans;
        _centre.Export(state);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        var index = state.Int("neighbours");
        int kept = train.UserCount == 0 ? 0 : index.Length / train.UserCount;
        ModelGuard.Length(train.UserCount * kept, index.Length, "neighbour lists");
        _neighbours = new NeighbourLists(kept, index, state.Float("similarities"));
        _itemMeans = state.Float("item_means");
        _centre.Import(state);
        TrainingData = train;
    }

    private NeighbourLists Lists() => _neighbours ?? throw new InvalidOperationException($"Fit the {Name} model first.");

    /// <summary>The value similarities see: the rating, minus the item's mean for adjusted cosine.</summary>
    private float SimilarityValue(int item, float rating) => similarity == SimilarityMeasure.AdjustedCosine ? rating - _itemMeans[item] : rating;

    private void Score(ReadOnlySpan<int> neighbours, ReadOnlySpan<float> sims, Span<float> scores)
    {
        var byUser = TrainingData!.ByUser();
        scores.Clear();
        for (int r = 0; r < neighbours.Length; r++)
        {
            int v = neighbours[r];
            var items = byUser.ItemsOf(v);
            var values = byUser.ValuesOf(v);
            for (int p = 0; p < items.Length; p++)
            {
                float w = centering == Centering.None ? values[p] : values[p] - _centre.Of(v, items[p]);
                scores[items[p]] += sims[r] * w;
            }
        }
    }
}
