using System.Buffers;
using Reco.Data;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Neighborhood;

/// <summary>
/// Item-based k-nearest neighbours (Sarwar et al. 2001). Each item's neighbours (positive
/// similarities) are precomputed best first, so predicting is a scan, not a sort:
/// r̂_ui = c_ui + Σ s_ij (r_uj − c_uj) / Σ s_ij over the first k neighbours j of i that u rated, with c the
/// chosen <see cref="Centering"/> — Surprise's KNNBasic/KNNWithMeans/KNNBaseline neighbourhood when the
/// lists are complete. For ranking, an item scores Σ s_ij (r_uj − c_uj) over the same neighbours
/// (Deshpande &amp; Karypis's top-N score when ratings are 1 and centring is none).
/// </summary>
/// <param name="k">Neighbours per item.</param>
/// <param name="similarity">The similarity measure.</param>
/// <param name="shrinkage">Shrinks similarities with few common raters towards 0.</param>
/// <param name="centering">What ratings are measured against.</param>
/// <param name="listSize">Neighbours precomputed per item, best first (0: every positively similar one); a prediction uses the first k of them that rated or were rated.</param>
public sealed class ItemKnn(int k = 40, SimilarityMeasure similarity = SimilarityMeasure.Cosine, float shrinkage = 0f, Centering centering = Centering.Means, int listSize = 0)
    : IRatingPredictor, ISimilarItems, IExplainable, IFoldIn, IPersistentRecommender
{
    private readonly RatingCentre _centre = new(centering, itemMeans: true);
    private NeighbourLists? _neighbours;
    private RatedBits? _rated;

    /// <inheritdoc/>
    public string Name => "item-knn";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _centre.Fit(train, 10, 15f, 10f);
        var byUser = train.ByUser();
        int n = train.ItemCount;
        var d = new float[train.UserCount * n];
        var mask = new float[d.Length];
        for (int u = 0; u < train.UserCount; u++)
        {
            var items = byUser.ItemsOf(u);
            var values = byUser.ValuesOf(u);
            float userMean = 0;
            if (similarity == SimilarityMeasure.AdjustedCosine && items.Length > 0)
            {
                userMean = System.Numerics.Tensors.TensorPrimitives.Sum(values) / items.Length;
            }

            for (int p = 0; p < items.Length; p++)
            {
                d[(u * n) + items[p]] = values[p] - userMean;
                mask[(u * n) + items[p]] = 1f;
            }
        }

        var sim = SimilarityMatrix.Compute(d, mask, train.UserCount, n, similarity, shrinkage);
        _neighbours = NeighbourLists.FromMatrix(sim, n, listSize > 0 ? Math.Max(k, listSize) : n);
        _rated = new RatedBits(byUser);
        TrainingData = train;
        new EpochReporter(callbacks, 1, train.Count).EpochEnd(0, 0);
    }

    /// <summary>The precomputed neighbours of <paramref name="item"/> with their similarities, best first.</summary>
    public IReadOnlyList<ScoredItem> Neighbours(int item)
    {
        var lists = Lists();
        var index = lists.Of(item);
        var sims = lists.SimilaritiesOf(item);
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
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        var lists = Lists();
        var index = lists.Of(item);
        var sims = lists.SimilaritiesOf(item);
        double num = 0, den = 0;
        var rated = _rated!;
        for (int r = 0, used = 0; r < index.Length && used < k; r++)
        {
            if (!rated.Contains(user, index[r]))
            {
                continue;
            }

            int at = items.BinarySearch(index[r]);
            num += sims[r] * (values[at] - _centre.Of(user, index[r]));
            den += sims[r];
            used++;
        }

        float prediction = den > 0 ? _centre.Of(user, item) + (float)(num / den) : _centre.Fallback(user, item);
        return Math.Clamp(prediction, _centre.Min, _centre.Max);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var byUser = train.ByUser();
        Score(byUser.ItemsOf(user), byUser.ValuesOf(user), user, null, scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var values = ratings.IsEmpty ? Enumerable.Repeat(1f, items.Length).ToArray() : ratings.ToArray();
        Score(items, values, 0, _centre.NewUser(items, values), scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Neighbours(item).Take(Math.Min(count, k))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> Explain(int user, int item, int count)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        var byUser = train.ByUser();
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        var result = new List<ScoredItem>();
        var lists = Lists();
        var index = lists.Of(item);
        var sims = lists.SimilaritiesOf(item);
        for (int r = 0; r < index.Length && result.Count < k; r++)
        {
            int at = items.BinarySearch(index[r]);
            if (at >= 0)
            {
                result.Add(new ScoredItem(index[r], sims[r] * Weight(values[at], user, index[r], null)));
            }
        }

        return [.. result.OrderByDescending(s => s.Score).ThenBy(s => s.Item).Take(count)];
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState().Option("k", k).Option("shrinkage", shrinkage).Option("list-size", listSize);
        state.Options["similarity"] = NeighborhoodNames.Of(similarity);
        state.Options["centering"] = NeighborhoodNames.Of(centering);
        state.Ints["neighbours"] = Lists().Indices;
        state.Floats["similarities"] = Lists().Similarities;
        _centre.Export(state);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        var index = state.Int("neighbours");
        int kept = train.ItemCount == 0 ? 0 : index.Length / train.ItemCount;
        ModelGuard.Length(train.ItemCount * kept, index.Length, "neighbour lists");
        _neighbours = new NeighbourLists(kept, index, state.Float("similarities"));
        _centre.Import(state);
        _rated = new RatedBits(train.ByUser());
        TrainingData = train;
    }

    private NeighbourLists Lists() => _neighbours ?? throw new InvalidOperationException($"Fit the {Name} model first.");

    /// <summary>A history rating's weight in a score: the rating minus its centre (1 per interaction without ratings).</summary>
    private float Weight(float rating, int user, int item, float? newUser) =>
        centering == Centering.None ? rating : rating - _centre.Of(user, item, newUser);

    private void Score(ReadOnlySpan<int> items, ReadOnlySpan<float> values, int user, float? newUser, Span<float> scores)
    {
        int n = scores.Length;
        var weights = ArrayPool<float>.Shared.Rent(n);
        try
        {
            weights.AsSpan(0, n).Fill(float.NaN);
            for (int p = 0; p < items.Length; p++)
            {
                weights[items[p]] = Weight(values[p], user, items[p], newUser);
            }

            var lists = Lists();
            for (int i = 0; i < n; i++)
            {
                var index = lists.Of(i);
                var sims = lists.SimilaritiesOf(i);
                float s = 0;
                for (int r = 0, used = 0; r < index.Length && used < k; r++)
                {
                    float w = weights[index[r]];
                    if (!float.IsNaN(w))
                    {
                        s += sims[r] * w;
                        used++;
                    }
                }

                scores[i] = s;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(weights);
        }
    }
}
