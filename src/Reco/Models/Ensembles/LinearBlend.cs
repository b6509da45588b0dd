using Reco.Data;
using Reco.Data.Splits;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Ensembles;

/// <summary>
/// A linear blend of rating predictors (stacking): the members are fitted on most of the training data,
/// ridge-regression weights (with an intercept) are fitted to their predictions on a held-out share,
/// then the members are refitted on all of it and their predictions combined with those weights.
/// Models that err differently (latent factors, neighbourhoods, biases) cancel part of each other's error.
/// </summary>
/// <param name="members">The rating predictors to blend, as algorithm name and <c>key=value</c> options.</param>
/// <param name="holdout">Share of the training interactions the weights are fitted on.</param>
/// <param name="ridge">L2 penalty on the member weights (not on the intercept).</param>
/// <param name="seed">Seed of the held-out split.</param>
public sealed class LinearBlend(IReadOnlyList<(string Name, string[] Options)> members, double holdout = 0.1, double ridge = 1.0, int seed = 42) : IRatingPredictor
{
    private IRatingPredictor[] _members = [];
    private double[] _weights = [];
    private float _min;
    private float _max;

    /// <summary>The members the command line's <c>blend</c> uses: tuned SVD++, biased MF, item- and user-KNN, and baselines.</summary>
    public static IReadOnlyList<(string Name, string[] Options)> DefaultMembers { get; } =
    [
        ("svdpp", ["factors=100", "epochs=100", "lr=0.005", "reg=0.12"]),
        ("biased-mf", ["factors=200", "epochs=100", "lr=0.005", "reg=0.1"]),
        ("item-knn", ["similarity=pearson", "centering=baseline", "shrinkage=100"]),
        ("user-knn", ["similarity=pearson", "centering=baseline", "shrinkage=100"]),
        ("baseline", []),
    ];

    /// <inheritdoc/>
    public string Name => "blend";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>The fitted weights, one per member, then the intercept.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (members.Count == 0)
        {
            throw new ArgumentException("A blend needs at least one member.");
        }

        if (!train.HasRatings)
        {
            throw new ArgumentException("A blend of rating predictors needs ratings.");
        }

        var (fitPart, held) = InteractionSplits.Random(train, 1 - holdout, seed);
        int m = members.Count;
        var predictions = new double[held.Count, m + 1];
        for (int j = 0; j < m; j++)
        {
            var member = Create(j);
            member.Fit(fitPart);
            for (int r = 0; r < held.Count; r++)
            {
                predictions[r, j] = member.Predict(held.UserIndices[r], held.ItemIndices[r]);
            }
        }

        for (int r = 0; r < held.Count; r++)
        {
            predictions[r, m] = 1;
        }

        _weights = RidgeRegression(predictions, held.Ratings, m, ridge);
        _members = [.. Enumerable.Range(0, m).Select(Create)];
        foreach (var member in _members)
        {
            member.Fit(train);
        }

        var ratings = train.Ratings;
        _min = ratings[0];
        _max = ratings[0];
        foreach (float r in ratings)
        {
            _min = Math.Min(_min, r);
            _max = Math.Max(_max, r);
        }

        TrainingData = train;
        new EpochReporter(callbacks, 1, train.Count).EpochEnd(0, 0);
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        if (TrainingData is null)
        {
            throw new InvalidOperationException("Fit the blend first.");
        }

        double sum = _weights[^1];
        for (int j = 0; j < _members.Length; j++)
        {
            sum += _weights[j] * _members[j].Predict(user, item);
        }

        return Math.Clamp((float)sum, _min, _max);
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = Predict(user, i);
        }
    }

    /// <summary>Solves (XᵀX + λ·I′) w = Xᵀy, I′ leaving the last (intercept) column unpenalised.</summary>
    internal static double[] RidgeRegression(double[,] x, ReadOnlySpan<float> y, int penalised, double lambda)
    {
        int rows = x.GetLength(0);
        int n = x.GetLength(1);
        var a = new double[n, n];
        var b = new double[n];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < n; i++)
            {
                b[i] += x[r, i] * y[r];
                for (int j = 0; j < n; j++)
                {
                    a[i, j] += x[r, i] * x[r, j];
                }
            }
        }

        for (int i = 0; i < penalised; i++)
        {
            a[i, i] += lambda;
        }

        // Gaussian elimination with partial pivoting, in double precision: blend features are highly correlated.
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, c]) < 1e-12)
            {
                throw new InvalidOperationException("The blend's members give linearly dependent predictions; add ridge.");
            }

            for (int j = 0; j < n; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            (b[c], b[pivot]) = (b[pivot], b[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j < n; j++)
                {
                    a[r, j] -= f * a[c, j];
                }

                b[r] -= f * b[c];
            }
        }

        var w = new double[n];
        for (int c = n - 1; c >= 0; c--)
        {
            double s = b[c];
            for (int j = c + 1; j < n; j++)
            {
                s -= a[c, j] * w[j];
            }

            w[c] = s / a[c, c];
        }

        return w;
    }

    private IRatingPredictor Create(int index) => AlgorithmCatalog.Create(members[index].Name, members[index].Options) as IRatingPredictor
        ?? throw new ArgumentException($"Blend member '{members[index].Name}' does not predict ratings.");
}
