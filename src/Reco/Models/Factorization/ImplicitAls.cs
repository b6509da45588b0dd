using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Numerics;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// Weighted regularised matrix factorisation for implicit feedback (Hu, Koren &amp; Volinsky 2008):
/// every (user, item) cell has preference 1 if observed and 0 if not, with confidence
/// c = 1 + α·w for observed cells (w = 1, or the rating when <c>use-ratings</c>) and 1 otherwise.
/// Alternating least squares, each half-step solved approximately by conjugate gradient as the
/// <c>implicit</c> library does.
/// </summary>
/// <param name="options">The hyper-parameters (defaults: see <see cref="ImplicitAlsOptions"/>).</param>
public sealed partial class ImplicitAls(ImplicitAlsOptions? options = null)
    : IRecommender, ISimilarItems, IFoldIn, IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public ImplicitAlsOptions Options { get; } = ModelOptions.Checked(options, "als");

    private float[] _x = [];
    private float[] _y = [];

    /// <inheritdoc/>
    public string Name => "als";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>Length of the factors.</summary>
    public int Factors => Options.Factors;

    /// <summary>User factors, row-major (users × factors).</summary>
    public ReadOnlySpan<float> UserFactors => _x;

    /// <summary>Item factors, row-major (items × factors).</summary>
    public ReadOnlySpan<float> ItemFactors => _y;

    /// <summary>Arrays the size of the factor matrices that a fit holds beside them (its memory estimate).</summary>
    internal const int FactorCopies = 2;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Factors, 1);
        MemoryEstimate.EnsureFactorsFit(Name, Options.Factors, train, FactorCopies);
        var random = new Random(Options.Seed);
        (_x, _y) = Gaussian.Factors(train.UserCount, train.ItemCount, Options.Factors, 0.01f, random);
        var byUser = train.ByUser();
        var byItem = new ItemUserRows(byUser);
        var userConfidence = new float[byUser.NonZeros];
        int slot = 0;
        for (int u = 0; u < byUser.UserCount; u++)
        {
            foreach (float w in byUser.ValuesOf(u))
            {
                userConfidence[slot++] = Confidence(w);
            }
        }

        var itemConfidence = new float[byUser.NonZeros];
        slot = 0;
        for (int i = 0; i < byItem.ItemCount; i++)
        {
            foreach (float w in byItem.ValuesOf(i))
            {
                itemConfidence[slot++] = Confidence(w);
            }
        }

        var userStart = new int[byUser.UserCount + 1];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            userStart[u + 1] = userStart[u] + byUser.ItemsOf(u).Length;
        }

        var itemStart = new int[byItem.ItemCount + 1];
        for (int i = 0; i < byItem.ItemCount; i++)
        {
            itemStart[i + 1] = itemStart[i] + byItem.UsersOf(i).Length;
        }

        var reporter = new EpochReporter(callbacks, Options.Iterations, train.Count, 2 * ProgressChunks);
        for (int it = 0; it < Options.Iterations; it++)
        {
            int epoch = it;
            var itemLoss = reporter.Active ? new double[byItem.ItemCount] : null;
            HalfStep(_x, _y, byUser.UserCount, u => byUser.ItemsOf(u), userConfidence, userStart, null, chunk => reporter.Step(epoch, chunk));
            HalfStep(_y, _x, byItem.ItemCount, i => byItem.UsersOf(i), itemConfidence, itemStart, itemLoss, chunk => reporter.Step(epoch, ProgressChunks + chunk));
            reporter.EpochEnd(it, itemLoss is null ? null : Loss(itemLoss, byUser.NonZeros), "try a larger reg or a smaller alpha", _x, _y);
        }

        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        Score(_x.AsSpan(user * Options.Factors, Options.Factors), scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
        return FactorSimilarity.Similar(_y, Options.Factors, train.ItemCount, item, k);
    }

    /// <summary>
    /// The new user's factor: the exact least-squares solution of the user half-step,
    /// (YᵀY + λI + Σ (c−1) y yᵀ) x = Σ c y, by Cholesky.
    /// </summary>
    public float[] FoldInUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings)
    {
        ModelGuard.Fitted(TrainingData, Name);
        int f = Options.Factors;
        var a = Gram(_y, TrainingData!.ItemCount);
        var b = new float[f];
        for (int k = 0; k < items.Length; k++)
        {
            var y = _y.AsSpan(items[k] * f, f);
            float c = Confidence(ratings.IsEmpty ? 1f : ratings[k]);
            for (int r = 0; r < f; r++)
            {
                TensorPrimitives.MultiplyAdd(y, (c - 1f) * y[r], a.AsSpan(r * f, f), a.AsSpan(r * f, f));
            }

            TensorPrimitives.MultiplyAdd(y, c, b, b);
        }

        Cholesky.Factor(a, f);
        Cholesky.Solve(a, f, b);
        return b;
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
        Score(FoldInUser(items, ratings), scores);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        FactorPersistence.ExportFactors(state, _x, _y);
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        (_x, _y) = FactorPersistence.ImportFactors(state, train, Options.Factors);
        TrainingData = train;
    }

    private float Confidence(float w) => 1f + (Options.Alpha * (Options.UseRatings ? w : 1f));

    private void Score(ReadOnlySpan<float> x, Span<float> scores) => ConfidenceGather.DotRows(x, _y, scores);

    /// <summary>YᵀY + λI.</summary>
    private float[] Gram(float[] other, int rows)
    {
        int f = Options.Factors;
        var gram = new float[f * f];
        Gemm.Multiply(f, f, rows, other, 1, f, other, f, gram, f, accumulate: false);
        for (int d = 0; d < f; d++)
        {
            gram[(d * f) + d] += Options.Regularisation;
        }

        return gram;
    }

    private delegate ReadOnlySpan<int> RowIndices(int row);

    /// <summary>
    /// Each half-step is solved in this many slices of rows, one after the other, so that a long sweep reports
    /// its progress; the rows are independent, so the result does not depend on the slicing.
    /// </summary>
    private const int ProgressChunks = 8;

    /// <summary>
    /// Solves every row of <paramref name="solve"/> against <paramref name="fixedSide"/>. Where
    /// <paramref name="rowLoss"/> is not null, it receives each row's Σ c·(1 − x·y)² over its interactions once the
    /// row is solved: the second half-step's rows (items) see the final factors of both sides, and their
    /// interactions' rows are still in cache from the solve, so the loss costs one more pass over them instead of
    /// a sweep of its own.
    /// </summary>
    private void HalfStep(float[] solve, float[] fixedSide, int rows, RowIndices indices, float[] confidence, int[] start, double[]? rowLoss, Action<int> chunkDone)
    {
        int f = Options.Factors;
        var gram = Gram(fixedSide, fixedSide.Length / f);
        for (int chunk = 0; chunk < ProgressChunks; chunk++)
        {
            int from = (int)((long)rows * chunk / ProgressChunks);
            int to = (int)((long)rows * (chunk + 1) / ProgressChunks);
            Parallel.For(from, to, () => new float[(3 * f) + LossBlock], (row, _, scratch) =>
            {
                var idx = indices(row);
                var x = solve.AsSpan(row * f, f);
                if (idx.IsEmpty)
                {
                    x.Clear();
                    return scratch;
                }

                var c = confidence.AsSpan(start[row], idx.Length);
                ConjugateGradient.Solve(x, gram, fixedSide, idx, c, Options.ConjugateGradientSteps, scratch);
                if (rowLoss is not null)
                {
                    rowLoss[row] = SquaredError(x, fixedSide, idx, c, scratch.AsSpan(3 * f));
                }

                return scratch;
            }, _ => { });
            chunkDone(chunk + 1);
        }
    }

    /// <summary>The loss's predictions are computed this many interactions at a time.</summary>
    private const int LossBlock = 512;

    /// <summary>Σ_k c_k (1 − x·y_k)² over the rows y_k of <paramref name="other"/> an entity interacted with.</summary>
    private static double SquaredError(ReadOnlySpan<float> x, ReadOnlySpan<float> other, ReadOnlySpan<int> indices, ReadOnlySpan<float> confidence, Span<float> predictions)
    {
        double sum = 0;
        for (int from = 0; from < indices.Length; from += LossBlock)
        {
            var block = indices.Slice(from, Math.Min(LossBlock, indices.Length - from));
            ConfidenceGather.DotRows(x, other, block, predictions);
            for (int k = 0; k < block.Length; k++)
            {
                float e = 1f - predictions[k];
                sum += confidence[from + k] * e * e;
            }
        }

        return sum;
    }

    /// <summary>
    /// Σ over observed cells of c·(1 − x·y)² (the unobserved cells' part is omitted for speed) + λ(|X|² + |Y|²), per
    /// interaction, from the items' sums of the second half-step, added in item order so that the figure does not
    /// depend on the thread count.
    /// </summary>
    private double Loss(double[] itemLoss, int interactions)
    {
        double loss = 0;
        foreach (double sum in itemLoss)
        {
            loss += sum;
        }

        loss += Options.Regularisation * (SquaredNorm(_x) + SquaredNorm(_y));
        return interactions == 0 ? 0 : loss / interactions;
    }

    /// <summary>Σ of every factor squared: each row's in floats, the rows' in doubles (a float sum over millions of rows drifts).</summary>
    private double SquaredNorm(float[] factors)
    {
        int f = Options.Factors;
        double sum = 0;
        for (int row = 0; row < factors.Length / f; row++)
        {
            var values = factors.AsSpan(row * f, f);
            sum += ConjugateGradient.Dot(values, values);
        }

        return sum;
    }
}
