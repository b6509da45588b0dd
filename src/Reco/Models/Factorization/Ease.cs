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
/// A user's scores are x_u·B over the binary interaction row x_u. P comes from a Cholesky
/// factorisation and a GEMM.
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

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.ItemCount;
        int m = train.UserCount;
        var byUser = train.ByUser();
        var x = new float[m * n];
        for (int u = 0; u < m; u++)
        {
            foreach (int i in byUser.ItemsOf(u))
            {
                x[(u * n) + i] = 1f;
            }
        }

        // G = XᵀX + λI
        var reporter = new EpochReporter(callbacks, 1, train.Count, steps: 3);
        var g = new float[n * n];
        Gemm.MultiplyParallel(n, n, m, x, 1, n, x, n, g, n, accumulate: false);
        for (int i = 0; i < n; i++)
        {
            g[(i * n) + i] += Options.Lambda;
        }

        reporter.Step(0, 1);
        var p = Cholesky.Invert(g, n);
        reporter.Step(0, 2);
        var diagonal = new float[n];
        for (int j = 0; j < n; j++)
        {
            diagonal[j] = p[(j * n) + j];
        }

        for (int i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                row[j] = i == j ? 0f : -row[j] / diagonal[j];
            }
        }

        _b = p;
        TrainingData = train;
        reporter.Step(0, 3);
        reporter.EpochEnd(0, null);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        Accumulate(train.ByUser().ItemsOf(user), scores);
    }

    /// <inheritdoc/>
    public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var distinct = items.ToArray().Distinct().ToArray();
        Accumulate(distinct, scores);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)item, (uint)train.ItemCount, nameof(item));
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
