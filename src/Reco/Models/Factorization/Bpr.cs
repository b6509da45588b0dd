using System.Numerics.Tensors;
using Reco.Data;
using Reco.Data.Synthetic;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// Bayesian personalised ranking (Rendle et al. 2009): item scores b_i + p_u·q_i trained by SGD on
/// ln σ(x_ui − x_uj) for sampled triples of a user, an item they interacted with, and an item they did
/// not (negatives are redrawn while they fall in the user's training items).
/// </summary>
/// <remarks>
/// The triples come from a seeded xoshiro256** generator, one stream per thread (<see cref="BprOptions.Threads"/>).
/// With one thread a fit is the same, bit for bit, for the same seed, data and machine; with more, threads
/// share the factors without locks (Hogwild) and the order of their writes varies from run to run.
/// </remarks>
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

    /// <summary>Arrays the size of the factor matrices that a fit holds beside them (its memory estimate).</summary>
    internal const int FactorCopies = 1;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        MemoryEstimate.EnsureFactorsFit(Name, Options.Factors, train, FactorCopies);
        var random = new Random(Options.Seed);
        int f = Options.Factors;
        (_p, _q) = Gaussian.Factors(train.UserCount, train.ItemCount, f, 0.1f, random);
        _b = new float[train.ItemCount];
        var byUser = train.ByUser();
        int rows = train.Count;
        // More threads than cores would only contend for the same rows.
        int threads = Math.Min(Options.Threads, Environment.ProcessorCount);
        using var sgd = new BprEpoch(_p, _q, _b, f, train, byUser, Options.LearningRate, Options.Regularisation);
        var streams = new RandomStream[threads];
        for (int t = 0; t < threads; t++)
        {
            streams[t] = new RandomStream(Options.Seed, t);
        }

        int every = EpochReporter.StepLength(rows);
        int steps = EpochReporter.Steps(rows, every);
        var reporter = new EpochReporter(callbacks, Options.Epochs, train.Count, steps);
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            var shares = new (double Loss, int Samples)[threads];
            int done = 0;
            int reported = 0;
            int current = epoch;

            // The calling thread takes share 0 and reports progress; the others only count.
            var others = new Task[threads - 1];
            for (int t = 1; t < threads; t++)
            {
                int share = t;
                others[t - 1] = Task.Factory.StartNew(() => shares[share] = sgd.Run(ref streams[share], Share(rows, threads, share), k => Interlocked.Add(ref done, k)), TaskCreationOptions.LongRunning);
            }

            try
            {
                shares[0] = sgd.Run(ref streams[0], Share(rows, threads, 0), k =>
                {
                    int total = Interlocked.Add(ref done, k);
                    while (reported + 1 < steps && total >= (long)(reported + 1) * every)
                    {
                        reporter.Step(current, ++reported);
                    }
                });
            }
            finally
            {
                // The other threads write into the training copies, which must outlive them.
                WaitQuietly(others);
            }

            Task.WaitAll(others);
            while (reported < steps)
            {
                reporter.Step(epoch, ++reported);
            }

            sgd.CopyOut();
            double loss = shares.Sum(x => x.Loss);
            int samples = shares.Sum(x => x.Samples);
            reporter.EpochEnd(epoch, samples == 0 ? 0 : loss / samples, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"try a lower learning rate (now lr={Options.LearningRate})"), _p, _q, _b);
        }

        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        Score(_p.AsSpan(user * Options.Factors, Options.Factors), scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
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
        int f = Options.Factors;
        var p = new float[f];
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
                BprKernel.Step(p, _q.AsSpan(i * f, f), _q.AsSpan(j * f, f), ref _b[i], ref _b[j], Options.LearningRate, Options.Regularisation, updateItems: false);
            }
        }

        return p;
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
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

    private static void WaitQuietly(Task[] tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // Task.WaitAll after this reports it.
            }
        }
    }

    /// <summary>Triples of share <paramref name="share"/> of <paramref name="count"/> split between <paramref name="shares"/> threads.</summary>
    private static int Share(int count, int shares, int share) => (count / shares) + (share < count % shares ? 1 : 0);

    private void Score(ReadOnlySpan<float> p, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = _b[i] + TensorPrimitives.Dot(p, _q.AsSpan(i * Options.Factors, Options.Factors));
        }
    }
}
