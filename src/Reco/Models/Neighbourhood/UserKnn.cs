using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// User-based k-nearest neighbours (Resnick et al. 1994; Herlocker et al. 1999). Each user's neighbours
/// (positive similarities) are precomputed best first; r̂_ui = c_ui + Σ s_uv (r_vi − c_vi) / Σ s_uv over
/// the first k neighbours v that rated i, with c the chosen <see cref="Centring"/> (the user's mean for
/// <see cref="Centring.Means"/>). For ranking, an item scores Σ s_uv (r_vi − c_vi) over the same neighbours.
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="KnnOptions"/>).</param>
public sealed class UserKnn(KnnOptions? options = null)
    : IRatingPredictor, IFoldIn, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public KnnOptions Options { get; } = ModelOptions.Checked(options, "user-knn");

    private readonly RatingCentre _centre = new((options ?? new KnnOptions()).Centring, itemMeans: false);
    private NeighbourLists? _neighbours;
    private RatedBits? _rated;
    private float[] _itemMeans = [];

    /// <inheritdoc/>
    public string Name => "user-knn";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.K, 1);
        var reporter = new EpochReporter(callbacks, 1, train.Count, steps: 102);
        _centre.Fit(train, 10, 15f, 10f);
        Baselines.MeanRating.Means(train, train.ItemIndices, train.ItemCount, out _itemMeans);
        var byUser = train.ByUser();
        int n = train.UserCount;
        var users = SparseRows.From(n, train.ItemCount, u =>
        {
            var items = byUser.ItemsOf(u).ToArray();
            var values = byUser.ValuesOf(u).ToArray();
            for (int p = 0; p < items.Length; p++)
            {
                values[p] = SimilarityValue(items[p], values[p]);
            }

            return (items, values);
        });
        int step = 0;
        reporter.Step(0, ++step);
        _neighbours = SimilarityMatrix.Neighbours(users, users.Transpose(), Options.Similarity, Options.Shrinkage, NeighbourLists.Kept(n, Options.K, Options.ListSize), () => reporter.Step(0, ++step));
        _rated = new RatedBits(byUser);
        TrainingData = train;
        reporter.Step(0, ++step);
        reporter.EpochEnd(0, null);
    }

    /// <summary>The precomputed neighbours of <paramref name="user"/> with their similarities, best first.</summary>
    public IReadOnlyList<ScoredItem> Neighbours(int user) => Lists().Scored(user);

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        var byUser = train.ByUser();
        var lists = Lists();
        var index = lists.Of(user);
        var sims = lists.SimilaritiesOf(user);
        double num = 0, den = 0;
        var rated = _rated!;
        for (int r = 0, used = 0; r < index.Length && used < Options.K; r++)
        {
            int v = index[r];
            if (rated.Contains(v, item))
            {
                int at = byUser.ItemsOf(v).BinarySearch(item);
                num += sims[r] * (byUser.ValuesOf(v)[at] - _centre.Of(v, item));
                den += sims[r];
                used++;
            }
        }

        return _centre.Predict(user, item, num, den);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        var lists = Lists();
        Score(lists.Of(user), lists.SimilaritiesOf(user), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
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

            row[v] = SimilarityMatrix.Pair(order, centred, vi, other.AsSpan(0, vi.Length), Options.Similarity, Options.Shrinkage);
        }

        var (index, sims) = NeighbourLists.FromRow(row, Lists().K);
        Score(index, sims, scores);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = NeighbourListState.Export(Options, Lists());
        state.Floats["item_means"] = _itemMeans;
        _centre.Export(state);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        _neighbours = NeighbourListState.Import(state, train.UserCount);
        _itemMeans = state.Float("item_means");
        _centre.Import(state);
        _rated = new RatedBits(train.ByUser());
        TrainingData = train;
    }

    private NeighbourLists Lists() => _neighbours ?? throw new InvalidOperationException($"Fit the {Name} model first.");

    /// <summary>The value similarities see: the rating, minus the item's mean for adjusted cosine.</summary>
    private float SimilarityValue(int item, float rating) => Options.Similarity == SimilarityMeasure.AdjustedCosine ? rating - _itemMeans[item] : rating;

    /// <summary>
    /// Top-N score: Σ s_uv over the user's k nearest neighbours v (overall, not per item) who interacted
    /// with the item. Taking the nearest per item instead would let an item seen by a single, weakly
    /// similar user outrank what the closest neighbours liked.
    /// </summary>
    private void Score(ReadOnlySpan<int> neighbours, ReadOnlySpan<float> sims, Span<float> scores)
    {
        var byUser = TrainingData!.ByUser();
        scores.Clear();
        for (int r = 0; r < Math.Min(Options.K, neighbours.Length); r++)
        {
            foreach (int i in byUser.ItemsOf(neighbours[r]))
            {
                scores[i] += sims[r];
            }
        }
    }
}
