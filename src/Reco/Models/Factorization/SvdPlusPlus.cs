using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// SVD++ (Koren 2008): r̂_ui = μ + b_u + b_i + q_i·(p_u + |N(u)|^−½ Σ_{j∈N(u)} y_j), where N(u) is the
/// set of items the user rated. SGD as Surprise's <c>SVDpp</c>, except that the implicit factors y_j
/// of a user are updated once after the user's ratings, with the summed gradient, instead of after
/// every rating (with the |N(u)| regularisation steps folded into one), at |N(u)| times less work.
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="SvdPlusPlusOptions"/>).</param>
public sealed partial class SvdPlusPlus(SvdPlusPlusOptions? options = null)
    : IRatingPredictor, ISimilarItems, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public SvdPlusPlusOptions Options { get; } = ModelOptions.Checked(options, "svdpp");

    private float[] _p = [];
    private float[] _q = [];
    private float[] _y = [];
    private float[] _z = [];
    private float[] _bu = [];
    private float[] _bi = [];
    private float _mu;
    private float _min;
    private float _max;

    /// <inheritdoc/>
    public string Name => "svdpp";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>Arrays the size of the factor matrices that a fit holds beside them (its memory estimate).</summary>
    internal const int FactorCopies = 2;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        MemoryEstimate.EnsureFactorsFit(Name, Options.Factors, train, FactorCopies);
        var random = new Random(Options.Seed);
        int f = Options.Factors;
        (_p, _q) = Gaussian.Factors(train.UserCount, train.ItemCount, f, Options.InitialStd, random);
        _y = Gaussian.Matrix(train.ItemCount, f, Options.InitialStd, random);
        _bu = new float[train.UserCount];
        _bi = new float[train.ItemCount];
        var byUser = train.ByUser();
        double total = 0;
        _min = float.MaxValue;
        _max = float.MinValue;
        for (int row = 0; row < train.Count; row++)
        {
            float r = train.RatingAt(row);
            total += r;
            _min = Math.Min(_min, r);
            _max = Math.Max(_max, r);
        }

        _mu = train.Count == 0 ? 0f : (float)(total / train.Count);
        float lr = Options.LearningRate;
        float reg = Options.Regularisation;
        var z = new float[f];
        var gradient = new float[f];
        var order = Enumerable.Range(0, train.UserCount).ToArray();
        var reporter = new EpochReporter(callbacks, Options.Epochs, train.Count);
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double squared = 0;
            foreach (int u in order)
            {
                var items = byUser.ItemsOf(u);
                if (items.IsEmpty)
                {
                    continue;
                }

                var values = byUser.ValuesOf(u);
                float norm = 1f / MathF.Sqrt(items.Length);
                var pu = _p.AsSpan(u * f, f);

                // The implicit part |N(u)|^−½ Σ y_j is fixed until the user's y_j are updated below.
                ImplicitSum(items, norm, z);
                gradient.AsSpan().Clear();
                for (int k = 0; k < items.Length; k++)
                {
                    int i = items[k];
                    var qi = _q.AsSpan(i * f, f);
                    float e = values[k] - (_mu + _bu[u] + _bi[i] + TensorPrimitives.Dot(qi, pu) + TensorPrimitives.Dot(qi, z));
                    squared += e * e;
                    _bu[u] += lr * (e - (reg * _bu[u]));
                    _bi[i] += lr * (e - (reg * _bi[i]));
                    TensorPrimitives.MultiplyAdd(qi, e, gradient, gradient);

                    // q_i's gradient is e·(p_u + implicit part): the pair update covers p_u, then add the rest.
                    SgdKernels.UpdatePair(pu, qi, e, e, lr, reg);
                    TensorPrimitives.MultiplyAdd(z, lr * e, qi, qi);
                }

                // Surprise regularises y_j once per rating of the user; do the same in one step.
                float shrink = Math.Max(0f, 1f - (lr * reg * items.Length));
                foreach (int j in items)
                {
                    var yj = _y.AsSpan(j * f, f);
                    TensorPrimitives.Multiply(yj, shrink, yj);
                    TensorPrimitives.MultiplyAdd(gradient, lr * norm, yj, yj);
                }
            }

            reporter.EpochEnd(epoch, train.Count == 0 ? 0 : squared / train.Count, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"try a lower learning rate (now lr={Options.LearningRate})"), _p, _q, _y, _bu, _bi);
        }

        TrainingData = train;
        CacheUserVectors();
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        return BiasedScoring.Predict(_mu, _bu[user], _bi[item], _z.AsSpan(user * Options.Factors, Options.Factors), _q.AsSpan(item * Options.Factors, Options.Factors), _min, _max);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        BiasedScoring.ScoreItems(_mu, _bu[user], _bi, _z.AsSpan(user * Options.Factors, Options.Factors), _q, Options.Factors, scores);
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
        state.Floats["implicit_factors"] = _y;
        FactorPersistence.ExportBiases(state, _bu, _bi, _mu, _min, _max);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        (_p, _q) = FactorPersistence.ImportFactors(state, train, Options.Factors);
        _y = state.Float("implicit_factors");
        (_bu, _bi, _mu, _min, _max) = FactorPersistence.ImportBiases(state);
        TrainingData = train;
        CacheUserVectors();
    }

    private void ImplicitSum(ReadOnlySpan<int> items, float norm, Span<float> sum)
    {
        sum.Clear();
        foreach (int j in items)
        {
            TensorPrimitives.Add(sum, _y.AsSpan(j * Options.Factors, Options.Factors), sum);
        }

        TensorPrimitives.Multiply(sum, norm, sum);
    }

    private void CacheUserVectors()
    {
        var byUser = TrainingData!.ByUser();
        int f = Options.Factors;
        _z = new float[_p.Length];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            var items = byUser.ItemsOf(u);
            var zu = _z.AsSpan(u * f, f);
            if (!items.IsEmpty)
            {
                ImplicitSum(items, 1f / MathF.Sqrt(items.Length), zu);
            }

            TensorPrimitives.Add(zu, _p.AsSpan(u * f, f), zu);
        }
    }
}
