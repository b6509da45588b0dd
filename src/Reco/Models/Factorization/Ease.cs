using System.Numerics.Tensors;
using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Numerics;
using Reco.Training;

namespace Reco.Models.Factorization;

/// <summary>
/// EASE (Steck 2019), a shallow item-to-item autoencoder with a closed form:
/// P = (XᵀX + λI)⁻¹ and B = I − P·diagMat(1/diag(P)), i.e. B_ij = −P_ij / P_jj with a zero diagonal.
/// A user's scores are x_u·B over the binary interaction row x_u. XᵀX is built from the sparse rows and
/// P by a blocked, multi-threaded Cholesky inverse in place (<see cref="BlockedCholesky"/>), so the
/// item × item matrix is the only n² memory.
/// </summary>
/// <param name="options">The L2 penalty λ.</param>
public sealed class Ease(EaseOptions? options = null) : IRecommender, ISimilarItems, IFoldIn, IPersistentRecommender
{

    private float[] _b = [];

    /// <inheritdoc/>
    public string Name => "ease";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>The hyper-parameters.</summary>
    public EaseOptions Options { get; } = ModelOptions.Checked(options, "ease");

    /// <summary>The item × item weights B, row-major (row j: what interacting with j adds to each item).</summary>
    public ReadOnlySpan<float> Weights => _b;

    /// <summary>Items beyond which the item × item matrix cannot be one array (n² must stay below 2³¹ elements).</summary>
    public const int MaxItems = 46_340;

    /// <summary>About how many bytes fitting on <paramref name="items"/> items takes: the n × n matrix, the solver's panels and the co-occurrence index.</summary>
    /// <param name="items">Items in the catalogue.</param>
    /// <param name="interactions">Training interactions (user, item) pairs.</param>
    public static double MemoryBytes(int items, long interactions) =>
        (4.0 * items * items) + (3.0 * 4 * BlockedCholesky.DefaultBlock * items) + (8.0 * interactions);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The item × item matrix would not fit in memory (checked before any work).</exception>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.ItemCount;
        long available = MemoryEstimate.Available;
        if (n > MaxItems || MemoryBytes(n, train.Count) > available)
        {
            throw new ArgumentException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"EASE needs an item × item matrix: {n:N0} items take about {MemoryEstimate.Size(MemoryBytes(n, train.Count))}, and this machine offers {MemoryEstimate.Size(available)}{(n > MaxItems ? $" (and at most {MaxItems:N0} items fit one matrix)" : string.Empty)}; keep fewer items (for example the most popular) or use als, bpr or item-knn."));
        }

        var byUser = train.ByUser();
        int blockColumns = (n + BlockedCholesky.DefaultBlock - 1) / BlockedCholesky.DefaultBlock;
        var reporter = new EpochReporter(callbacks, 1, train.Count, steps: 1 + (3 * blockColumns) + 1);
        int step = 0;

        // G = XᵀX + λI: co-occurrence counts of the binary user × item matrix, lower triangle (all the solver reads).
        var g = CoOccurrence(byUser, n);
        for (int i = 0; i < n; i++)
        {
            g[((long)i * n) + i] += Options.Lambda;
        }

        reporter.Step(0, ++step);
        try
        {
            BlockedCholesky.Invert(g, n, progress: () => reporter.Step(0, ++step));
        }
        catch (ArgumentException e)
        {
            // Only rounding can make XᵀX + λI indefinite; a larger λ keeps it well away from that.
            throw new ArgumentException($"EASE's regularised item × item matrix is not positive definite in single precision with lambda {Options.Lambda.ToString(System.Globalization.CultureInfo.InvariantCulture)}; raise lambda.", e);
        }

        // B = I − P·diagMat(1/diag(P)): B_ij = −P_ij / P_jj, zero diagonal, in place of P.
        var diagonal = new float[n];
        for (int j = 0; j < n; j++)
        {
            diagonal[j] = g[((long)j * n) + j];
        }

        Parallel.For(0, n, i =>
        {
            var row = g.AsSpan((int)((long)i * n), n);
            for (int j = 0; j < n; j++)
            {
                row[j] = -row[j] / diagonal[j];
            }

            row[i] = 0f;
        });

        _b = g;
        TrainingData = train;
        reporter.Step(0, ++step);
        reporter.EpochEnd(0, null);
    }

    /// <summary>
    /// Lower triangle of XᵀX for the binary X of <paramref name="byUser"/>: row i counts, for every j ≤ i, the
    /// users who interacted with both. Built item by item from the sparse rows (work Σ over users of their
    /// history length squared), never as a dense users × items matrix; each row is one thread's.
    /// </summary>
    internal static float[] CoOccurrence(UserItemMatrix byUser, int n)
    {
        var g = new float[(long)n * n];
        var byItem = new ItemUserRows(byUser);
        Parallel.For(0, n, i =>
        {
            var row = g.AsSpan((int)((long)i * n), i + 1);
            foreach (int u in byItem.UsersOf(i))
            {
                foreach (int j in byUser.ItemsOf(u))
                {
                    if (j > i)
                    {
                        break;
                    }

                    row[j] += 1f;
                }
            }
        });
        return g;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        Accumulate(train.ByUser().ItemsOf(user), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.NewUser(train, items, ratings, scores);
        var distinct = items.ToArray().Distinct().ToArray();
        Accumulate(distinct, scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
        return FactorSimilarity.Select(_b.AsSpan(item * train.ItemCount, train.ItemCount).ToArray(), item, k);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        state.Floats["weights"] = _b;
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        ModelGuard.Length(train.ItemCount * train.ItemCount, state.Float("weights").Length, "weights");
        _b = state.Float("weights");
        TrainingData = train;
    }

    private void Accumulate(ReadOnlySpan<int> items, Span<float> scores)
    {
        int n = scores.Length;
        scores.Clear();
        foreach (int j in items)
        {
            TensorPrimitives.Add(scores, _b.AsSpan(j * n, n), scores);
        }
    }
}
