using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Baselines;

/// <summary>Predicts the global, the user's or the item's mean rating (Surprise's <c>NormalPredictor</c>'s simpler cousins).</summary>
/// <param name="options">Which mean.</param>
public sealed class MeanRating(MeanRatingOptions? options = null) : IRatingPredictor, IPersistentRecommender
{

    private float _global;
    private float[] _userMeans = [];
    private float[] _itemMeans = [];

    /// <inheritdoc/>
    public string Name => "average";

    /// <summary>Which mean is predicted.</summary>
    public MeanKind Kind => Options.Of;

    /// <summary>The hyper-parameters.</summary>
    public MeanRatingOptions Options { get; } = ModelOptions.Checked(options, "average");

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        _global = Means(train, train.UserIndices, train.UserCount, out _userMeans);
        Means(train, train.ItemIndices, train.ItemCount, out _itemMeans);
        TrainingData = train;
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        return Options.Of switch
        {
            MeanKind.User => _userMeans[user],
            MeanKind.Item => _itemMeans[item],
            _ => _global,
        };
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        if (Options.Of == MeanKind.Item)
        {
            _itemMeans.CopyTo(scores);
        }
        else
        {
            scores.Fill(Predict(user, 0));
        }
    }

    /// <inheritdoc/>
    public ModelState ExportState() => new(Options);

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train) => Fit(train);

    /// <summary>The mean rating per key (global mean where a key has none); returns the global mean.</summary>
    internal static float Means(Interactions train, ReadOnlySpan<int> keys, int count, out float[] means)
    {
        var sums = new double[count];
        var counts = new int[count];
        double total = 0;
        for (int row = 0; row < keys.Length; row++)
        {
            float r = train.RatingAt(row);
            sums[keys[row]] += r;
            counts[keys[row]]++;
            total += r;
        }

        float global = keys.Length == 0 ? 0f : (float)(total / keys.Length);
        means = new float[count];
        for (int k = 0; k < count; k++)
        {
            means[k] = counts[k] == 0 ? global : (float)(sums[k] / counts[k]);
        }

        return global;
    }
}
