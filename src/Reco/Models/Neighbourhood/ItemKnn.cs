using System.Buffers;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;
using Reco.Data.Sources.Parquet;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// Item-based k-nearest neighbours (Sarwar et al. 2001). Each item's neighbours (positive
/// similarities) are precomputed best first, so predicting is a scan, not a sort:
/// r̂_ui = c_ui + Σ s_ij (r_uj − c_uj) / Σ s_ij over the first k neighbours j of i that u rated, with c the
/// chosen <see cref="Centring"/> — Surprise's KNNBasic/KNNWithMeans/KNNBaseline neighbourhood when the
/// lists are complete. For ranking, an item scores Σ s_ij over those of its k nearest items overall
/// that the user interacted with (Deshpande &amp; Karypis's top-N item-based score).
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="KnnOptions"/>).</param>
public sealed class ItemKnn(KnnOptions? options = null)
    : IRatingPredictor, ISimilarItems, IExplainable, IFoldIn, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public KnnOptions Options { get; } = ModelOptions.Checked(options, "item-knn");

    private readonly RatingCentre _centre = new((options ?? new KnnOptions()).Centring, itemMeans: true);
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
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.K, 1);
        var reporter = new EpochReporter(callbacks, 1, train.Count, steps: 102);
        _centre.Fit(train, 10, 15f, 10f);
        var byUser = train.ByUser();
        int n = train.ItemCount;
        bool adjusted = Options.Similarity == SimilarityMeasure.AdjustedCosine;
        var users = SparseRows.From(train.UserCount, n, u =>
        {
            var items = byUser.ItemsOf(u).ToArray();
            var values = byUser.ValuesOf(u).ToArray();
            if (adjusted && items.Length > 0)
            {
                float userMean = System.Numerics.Tensors.TensorPrimitives.Sum(values) / items.Length;
                for (int p = 0; p < values.Length; p++)
                {
                    values[p] -= userMean;
                }
            }

            return (items, values);
        });
        var items = users.Transpose();
        int step = 0;
        reporter.Step(0, ++step);
        _neighbours = SimilarityMatrix.Neighbours(items, users, Options.Similarity, Options.Shrinkage, NeighbourLists.Kept(n, Options.K, Options.ListSize), () => reporter.Step(0, ++step));
        _rated = new RatedBits(byUser);
        TrainingData = train;
        reporter.Step(0, ++step);
        reporter.EpochEnd(0, null);
    }

    /// <summary>The precomputed neighbours of <paramref name="item"/> with their similarities, best first.</summary>
    public IReadOnlyList<ScoredItem> Neighbours(int item) => Lists().Scored(item);

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        var byUser = train.ByUser();
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        var lists = Lists();
        var index = lists.Of(item);
        var sims = lists.SimilaritiesOf(item);
        double num = 0, den = 0;
        var rated = _rated!;
        for (int r = 0, used = 0; r < index.Length && used < Options.K; r++)
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

        return _centre.Predict(user, item, num, den);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        var byUser = train.ByUser();
        Score(byUser.ItemsOf(user), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
        Score(items, scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int count)
    {
        ModelGuard.Item(ModelGuard.Fitted(TrainingData, Name), item);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Neighbours(item).Take(Math.Min(count, Options.K))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> Explain(int user, int item, int count)
    {
        // The history items that make up the item's ranking score, with their share of it.
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = train.ByUser().ItemsOf(user);
        var result = new List<ScoredItem>();
        var lists = Lists();
        var index = lists.Of(item);
        var sims = lists.SimilaritiesOf(item);
        for (int r = 0; r < Math.Min(Options.K, index.Length); r++)
        {
            if (items.BinarySearch(index[r]) >= 0)
            {
                result.Add(new ScoredItem(index[r], sims[r]));
            }
        }

        return [.. result.OrderByDescending(s => s.Score).ThenBy(s => s.Item).Take(count)];
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = NeighbourListState.Export(Options, Lists());
        _centre.Export(state);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        _neighbours = NeighbourListState.Import(state, train.ItemCount);
        _centre.Import(state);
        _rated = new RatedBits(train.ByUser());
        TrainingData = train;
    }

    private NeighbourLists Lists() => _neighbours ?? throw new InvalidOperationException($"Fit the {Name} model first.");

    private void Score(ReadOnlySpan<int> items, Span<float> scores)
    {
        int n = scores.Length;
        var inHistory = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            inHistory.AsSpan(0, n).Clear();
            foreach (int item in items)
            {
                inHistory[item] = true;
            }

            var lists = Lists();
            for (int i = 0; i < n; i++)
            {
                // Over i's k nearest items overall (not the k nearest the user rated): an item with few
                // raters then has neighbours that are rarely in a history, which keeps it from the top.
                var index = lists.Of(i);
                var sims = lists.SimilaritiesOf(i);
                float s = 0;
                for (int r = 0; r < Math.Min(Options.K, index.Length); r++)
                {
                    if (inHistory[index[r]])
                    {
                        s += sims[r];
                    }
                }

                scores[i] = s;
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(inHistory);
        }
    }
}
