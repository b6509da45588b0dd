using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Factorization;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Content;

/// <summary>
/// Content-based filtering: items are their (L2-normalised) feature vectors; a user's profile is the
/// rating-weighted mean of the profiles of the items they liked (rating ≥ <c>min-rating</c>, or all
/// their items when none is); an item scores the cosine between the two. Items nobody rated are
/// scored like any other, which is the point.
/// </summary>
/// <param name="features">Features of every training item (by item index).</param>
/// <param name="options">The hyper-parameters (defaults: see <see cref="ContentOptions"/>).</param>
public sealed class ContentBased(ItemFeatures? features = null, ContentOptions? options = null)
    : IRecommender, ISimilarItems, IExplainable, IFoldIn, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public ContentOptions Options { get; } = ModelOptions.Checked(options, "content");

    private ItemFeatures? _features = features;
    private float[] _norms = [];

    /// <inheritdoc/>
    public string Name => "content";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var f = _features ?? throw new ArgumentException("The content model needs item features, and this data has none: load a MovieLens folder or give the items a feature file.");
        if (f.ItemCount != train.ItemCount)
        {
            throw new ArgumentException($"The item features cover {f.ItemCount} items but the data has {train.ItemCount}.", nameof(train));
        }

        _norms = new float[f.ItemCount];
        for (int i = 0; i < _norms.Length; i++)
        {
            _norms[i] = TensorPrimitives.Norm(f.ValuesOf(i));
        }

        TrainingData = train;
        new EpochReporter(callbacks, 1, train.Count).EpochEnd(0, null);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        var byUser = train.ByUser();
        Score(Profile(byUser.ItemsOf(user), byUser.ValuesOf(user)), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
        Score(Profile(items, ratings.IsEmpty ? Enumerable.Repeat(1f, items.Length).ToArray() : ratings), scores);
    }

    /// <summary>The user's profile over the features (unnormalised weighted mean).</summary>
    public float[] UserProfile(int user)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        var byUser = train.ByUser();
        return Profile(byUser.ItemsOf(user), byUser.ValuesOf(user));
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
        var scores = new float[train.ItemCount];
        Score(Profile([item], [1f]), scores);
        return FactorSimilarity.Select(scores, item, k);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> Explain(int user, int item, int count)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var byUser = train.ByUser();
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        bool anyLiked = Liked(values);
        var result = new List<ScoredItem>();
        for (int p = 0; p < items.Length; p++)
        {
            if (!anyLiked || values[p] >= Options.MinRating)
            {
                float c = values[p] * Cosine(items[p], item);
                if (c > 0)
                {
                    result.Add(new ScoredItem(items[p], c));
                }
            }
        }

        return [.. result.OrderByDescending(s => s.Score).ThenBy(s => s.Item).Take(count)];
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var f = Features();
        var (start, index, values) = f.Rows;
        var state = new ModelState(Options);
        state.Ints["feature_start"] = start;
        state.Ints["feature_index"] = index;
        state.Floats["feature_values"] = values;
        state.Ints["feature_count"] = [f.FeatureCount];
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        int count = state.Int("feature_count")[0];
        _features = new ItemFeatures([.. Enumerable.Range(0, count).Select(i => $"f{i}")], state.Int("feature_start"), state.Int("feature_index"), state.Float("feature_values"));
        Fit(train);
    }

    private ItemFeatures Features() => _features ?? throw new InvalidOperationException($"Fit the {Name} model first.");

    private bool Liked(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (v >= Options.MinRating)
            {
                return true;
            }
        }

        return false;
    }

    private float[] Profile(ReadOnlySpan<int> items, ReadOnlySpan<float> values)
    {
        var f = Features();
        var profile = new float[f.FeatureCount];
        bool anyLiked = Liked(values);
        double total = 0;
        for (int p = 0; p < items.Length; p++)
        {
            if (anyLiked && values[p] < Options.MinRating)
            {
                continue;
            }

            int i = items[p];
            if (_norms[i] == 0)
            {
                continue;
            }

            var index = f.FeaturesOf(i);
            var v = f.ValuesOf(i);
            float w = values[p] / _norms[i];
            for (int e = 0; e < index.Length; e++)
            {
                profile[index[e]] += w * v[e];
            }

            total += values[p];
        }

        if (total > 0)
        {
            TensorPrimitives.Divide(profile, (float)total, profile);
        }

        return profile;
    }

    private void Score(float[] profile, Span<float> scores)
    {
        var f = Features();
        float norm = TensorPrimitives.Norm(profile);
        for (int i = 0; i < scores.Length; i++)
        {
            if (norm == 0 || _norms[i] == 0)
            {
                scores[i] = 0;
                continue;
            }

            var index = f.FeaturesOf(i);
            var v = f.ValuesOf(i);
            float dot = 0;
            for (int e = 0; e < index.Length; e++)
            {
                dot += profile[index[e]] * v[e];
            }

            scores[i] = dot / (norm * _norms[i]);
        }
    }

    private float Cosine(int a, int b)
    {
        var f = Features();
        if (_norms[a] == 0 || _norms[b] == 0)
        {
            return 0;
        }

        var ai = f.FeaturesOf(a);
        var av = f.ValuesOf(a);
        var bi = f.FeaturesOf(b);
        var bv = f.ValuesOf(b);
        float dot = 0;
        for (int p = 0, q = 0; p < ai.Length && q < bi.Length;)
        {
            if (ai[p] == bi[q])
            {
                dot += av[p++] * bv[q++];
            }
            else if (ai[p] < bi[q])
            {
                p++;
            }
            else
            {
                q++;
            }
        }

        return dot / (_norms[a] * _norms[b]);
    }
}
