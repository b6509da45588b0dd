using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// Bayesian personalised ranking (Rendle et al. 2009): item scores b_i + p_u·q_i trained by SGD on
/// ln σ(x_ui − x_uj) for sampled triples of a user, an item they interacted with, and an item they did
/// not (negatives are redrawn while they fall in the user's training items).
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="BprOptions"/>).</param>
public sealed partial class Bpr(BprOptions? options = null)
    : IRecommender, ISimilarItems, IFoldIn, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public BprOptions Options { get; } = ModelOptions.Checked(options, "bpr");

    private float[] _p = [];
    private float[] _q = [];
    private float[] _b = [];

    /// <inheritdoc/>
    public string Name => "bpr";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        var random = new Random(Options.Seed);
        int f = Options.Factors;
        (_p, _q) = Gaussian.Factors(train.UserCount, train.ItemCount, f, 0.1f, random);
        _b = new float[train.ItemCount];
        var byUser = train.ByUser();
        var users = train.UserIndices;
        var items = train.ItemIndices;
        int every = EpochReporter.StepLength(users.Length);
        var reporter = new EpochReporter(callbacks, Options.Epochs, train.Count, EpochReporter.Steps(users.Length, every));
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            double loss = 0;
            int samples = 0;
            for (int s = 0; s < users.Length; s++)
            {
                if (s % every == 0 && s > 0)
                {
                    reporter.Step(epoch, s / every);
                }

                int row = random.Next(users.Length);
                int u = users[row];
                var seen = byUser.ItemsOf(u);
                if (seen.Length == train.ItemCount)
                {
                    continue;
                }

                int j;
                do
                {
                    j = random.Next(train.ItemCount);
                }
                while (seen.BinarySearch(j) >= 0);
                loss += Step(_p.AsSpan(u * f, f), items[row], j, updateItems: true);
                samples++;
            }

            reporter.Step(epoch, EpochReporter.Steps(users.Length, every));
            reporter.EpochEnd(epoch, samples == 0 ? 0 : loss / samples, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"try a lower learning rate (now lr={Options.LearningRate})"), _p, _q, _b);
        }

        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        Score(_p.AsSpan(user * Options.Factors, Options.Factors), scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        return FactorSimilarity.Similar(_q, Options.Factors, train.ItemCount, item, k);
    }

    /// <summary>
    /// Fits a new user's factor by the same SGD with the item factors frozen (as many epochs as training,
    /// each drawing as many triples as the user has items), seeded so the result is repeatable.
    /// </summary>
    public float[] FoldInUser(ReadOnlySpan<int> items)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        var sorted = items.ToArray();
        Array.Sort(sorted);
        var random = new Random(Options.Seed);
        var p = new float[Options.Factors];
        Gaussian.Fill(p, 0.1f, random);
        if (sorted.Length == 0 || sorted.Length >= train.ItemCount)
        {
            return p;
        }

        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            for (int s = 0; s < sorted.Length; s++)
            {
                int i = sorted[random.Next(sorted.Length)];
                int j;
                do
                {
                    j = random.Next(train.ItemCount);
                }
                while (Array.BinarySearch(sorted, j) >= 0);
                Step(p, i, j, updateItems: false);
            }
        }

        return p;
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        Score(FoldInUser(items), scores);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        FactorPersistence.ExportFactors(state, _p, _q);
        state.Floats["item_bias"] = _b;
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        (_p, _q) = FactorPersistence.ImportFactors(state, train, Options.Factors);
        _b = state.Float("item_bias");
        TrainingData = train;
    }

    /// <summary>One SGD step on −ln σ(x_ui − x_uj); returns the loss before the step.</summary>
    private double Step(Span<float> pu, int i, int j, bool updateItems)
    {
        int f = Options.Factors;
        float lr = Options.LearningRate;
        float reg = Options.Regularisation;
        var qi = _q.AsSpan(i * f, f);
        var qj = _q.AsSpan(j * f, f);
        float x = _b[i] - _b[j] + TensorPrimitives.Dot(pu, qi) - TensorPrimitives.Dot(pu, qj);
        float z = 1f / (1f + MathF.Exp(x));
        Span<float> diff = stackalloc float[f];
        TensorPrimitives.Subtract(qi, qj, diff);
        if (updateItems)
        {
            _b[i] += lr * (z - (reg * _b[i]));
            _b[j] += lr * (-z - (reg * _b[j]));
            TensorPrimitives.Multiply(qi, 1f - (lr * reg), qi);
            TensorPrimitives.MultiplyAdd(pu, lr * z, qi, qi);
            TensorPrimitives.Multiply(qj, 1f - (lr * reg), qj);
            TensorPrimitives.MultiplyAdd(pu, -lr * z, qj, qj);
        }

        // p_u's step uses q_i − q_j from before the item updates.
        TensorPrimitives.Multiply(pu, 1f - (lr * reg), pu);
        TensorPrimitives.MultiplyAdd(diff, lr * z, pu, pu);
        return Math.Log(1.0 + Math.Exp(-x));
    }

    private void Score(ReadOnlySpan<float> p, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = _b[i] + TensorPrimitives.Dot(p, _q.AsSpan(i * Options.Factors, Options.Factors));
        }
    }
}
