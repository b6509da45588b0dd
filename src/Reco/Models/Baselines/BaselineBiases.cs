using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Baselines;

/// <summary>
/// The baseline estimate b_ui = μ + b_u + b_i with regularised user and item biases fitted by
/// alternating least squares, as Surprise's <c>BaselineOnly</c>: each epoch sets
/// b_i = Σ_u (r_ui − μ − b_u) / (reg_i + |U_i|), then b_u = Σ_i (r_ui − μ − b_i) / (reg_u + |I_u|).
/// </summary>
/// <param name="options">Alternations and regularisation.</param>
public sealed class BaselineBiases(BaselineOptions? options = null) : IRatingPredictor, IPersistentRecommender
{

    private float[] _userBias = [];
    private float[] _itemBias = [];

    /// <inheritdoc/>
    public string Name => "baseline";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>The mean training rating μ.</summary>
    public float GlobalMean { get; private set; }

    /// <summary>b_u for every user.</summary>
    public ReadOnlySpan<float> UserBiases => _userBias;

    /// <summary>b_i for every item.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBias;

    /// <summary>The hyper-parameters.</summary>
    public BaselineOptions Options { get; } = ModelOptions.Checked(options, "baseline");



    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.Epochs);
        var users = train.UserIndices;
        var items = train.ItemIndices;
        int n = train.Count;
        double total = 0;
        for (int row = 0; row < n; row++)
        {
            total += train.RatingAt(row);
        }

        float mu = n == 0 ? 0f : (float)(total / n);
        var bu = new float[train.UserCount];
        var bi = new float[train.ItemCount];
        var userCounts = new int[train.UserCount];
        var itemCounts = new int[train.ItemCount];
        for (int row = 0; row < n; row++)
        {
            userCounts[users[row]]++;
            itemCounts[items[row]]++;
        }

        var reporter = new EpochReporter(callbacks, Options.Epochs, n);
        var sums = new double[Math.Max(bu.Length, bi.Length)];
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            Array.Clear(sums);
            for (int row = 0; row < n; row++)
            {
                sums[items[row]] += train.RatingAt(row) - mu - bu[users[row]];
            }

            for (int i = 0; i < bi.Length; i++)
            {
                bi[i] = (float)(sums[i] / (Options.ItemRegularisation + itemCounts[i]));
            }

            Array.Clear(sums);
            double squared = 0;
            for (int row = 0; row < n; row++)
            {
                sums[users[row]] += train.RatingAt(row) - mu - bi[items[row]];
            }

            for (int u = 0; u < bu.Length; u++)
            {
                bu[u] = (float)(sums[u] / (Options.UserRegularisation + userCounts[u]));
            }

            for (int row = 0; row < n; row++)
            {
                float e = train.RatingAt(row) - mu - bu[users[row]] - bi[items[row]];
                squared += e * e;
            }

            reporter.EpochEnd(epoch, n == 0 ? 0 : squared / n, "try larger user-reg and item-reg", bu, bi);
        }

        GlobalMean = mu;
        _userBias = bu;
        _itemBias = bi;
        TrainingData = train;
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        return GlobalMean + _userBias[user] + _itemBias[item];
    }

    /// <summary>The user bias of a new user with the given ratings, with the item biases held fixed.</summary>
    public float FoldInUserBias(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings)
    {
        ModelGuard.Fitted(TrainingData, Name);
        double sum = 0;
        for (int k = 0; k < items.Length; k++)
        {
            sum += (ratings.IsEmpty ? 1f : ratings[k]) - GlobalMean - _itemBias[items[k]];
        }

        return (float)(sum / (Options.UserRegularisation + items.Length));
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = GlobalMean + _userBias[user] + _itemBias[i];
        }
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        state.Floats["global_mean"] = [GlobalMean];
        state.Floats["user_bias"] = _userBias;
        state.Floats["item_bias"] = _itemBias;
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        var bu = state.Float("user_bias");
        var bi = state.Float("item_bias");
        ModelGuard.Length(train.UserCount, bu.Length, "user biases");
        ModelGuard.Length(train.ItemCount, bi.Length, "item biases");
        GlobalMean = state.Float("global_mean")[0];
        _userBias = bu;
        _itemBias = bi;
        TrainingData = train;
    }
}
