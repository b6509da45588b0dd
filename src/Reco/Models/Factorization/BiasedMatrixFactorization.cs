using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// Biased matrix factorisation, r̂_ui = μ + b_u + b_i + q_i·p_u, fitted by SGD on the squared error
/// (Funk's "SVD" as Surprise's <c>SVD</c>): for each training rating in order,
/// b_u += lr(e − reg·b_u), b_i += lr(e − reg·b_i), p_u += lr(e·q_i − reg·p_u), q_i += lr(e·p_u − reg·q_i).
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="BiasedMatrixFactorizationOptions"/>).</param>
public sealed partial class BiasedMatrixFactorization(BiasedMatrixFactorizationOptions? options = null)
    : IRatingPredictor, ISimilarItems, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public BiasedMatrixFactorizationOptions Options { get; } = ModelOptions.Checked(options, "biased-mf");

    private float[] _p = [];
    private float[] _q = [];
    private float[] _bu = [];
    private float[] _bi = [];
    private float _mu;
    private float _min;
    private float _max;

    /// <inheritdoc/>
    public string Name => "biased-mf";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>Length of the factors.</summary>
    public int Factors => Options.Factors;

    /// <summary>User factors, row-major (users × factors).</summary>
    public ReadOnlySpan<float> UserFactors => _p;

    /// <summary>Item factors, row-major (items × factors).</summary>
    public ReadOnlySpan<float> ItemFactors => _q;

    /// <summary>Arrays the size of the factor matrices that a fit holds beside them (its memory estimate).</summary>
    internal const int FactorCopies = 1;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        MemoryEstimate.EnsureFactorsFit(Name, Options.Factors, train, FactorCopies);
        var random = new Random(Options.Seed);
        (_p, _q) = Gaussian.Factors(train.UserCount, train.ItemCount, Options.Factors, Options.InitialStd, random);
        _bu = new float[train.UserCount];
        _bi = new float[train.ItemCount];
        var ratings = train.HasRatings ? train.Ratings : Enumerable.Repeat(1f, train.Count).ToArray();
        _mu = train.Count == 0 ? 0f : TensorPrimitives.Sum(ratings) / train.Count;
        _min = train.Count == 0 ? 0f : TensorPrimitives.Min(ratings);
        _max = train.Count == 0 ? 0f : TensorPrimitives.Max(ratings);
        var users = train.UserIndices;
        var items = train.ItemIndices;
        int f = Options.Factors;
        float lr = Options.LearningRate;
        float reg = Options.Regularisation;
        int every = EpochReporter.StepLength(users.Length);
        var reporter = new EpochReporter(callbacks, Options.Epochs, train.Count, EpochReporter.Steps(users.Length, every));
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            double squared = 0;
            for (int row = 0; row < users.Length; row++)
            {
                if (row % every == 0 && row > 0)
                {
                    reporter.Step(epoch, row / every);
                }

                int u = users[row];
                int i = items[row];
                var pu = _p.AsSpan(u * f, f);
                var qi = _q.AsSpan(i * f, f);
                float e = ratings[row] - (_mu + _bu[u] + _bi[i] + TensorPrimitives.Dot(pu, qi));
                squared += e * e;
                _bu[u] += lr * (e - (reg * _bu[u]));
                _bi[i] += lr * (e - (reg * _bi[i]));
                SgdKernels.UpdatePair(pu, qi, e, e, lr, reg);
            }

            reporter.Step(epoch, EpochReporter.Steps(users.Length, every));
            reporter.EpochEnd(epoch, users.Length == 0 ? 0 : squared / users.Length, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"try a lower learning rate (now lr={Options.LearningRate})"), _p, _q, _bu, _bi);
        }

        TrainingData = train;
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        return BiasedScoring.Predict(_mu, _bu[user], _bi[item], _p.AsSpan(user * Options.Factors, Options.Factors), _q.AsSpan(item * Options.Factors, Options.Factors), _min, _max);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        BiasedScoring.ScoreItems(_mu, _bu[user], _bi, _p.AsSpan(user * Options.Factors, Options.Factors), _q, Options.Factors, scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
        return FactorSimilarity.Similar(_q, Options.Factors, train.ItemCount, item, k);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        FactorPersistence.ExportFactors(state, _p, _q);
        FactorPersistence.ExportBiases(state, _bu, _bi, _mu, _min, _max);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        (_p, _q) = FactorPersistence.ImportFactors(state, train, Options.Factors);
        (_bu, _bi, _mu, _min, _max) = FactorPersistence.ImportBiases(state);
        TrainingData = train;
    }
}
