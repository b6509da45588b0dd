using System.Globalization;
using Reco.Data;
using Reco.Data.Splits;
using System.Text.Json.Nodes;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Ensembles;

/// <summary>
/// A linear blend of rating predictors (stacking): the members are fitted on most of the training data,
/// ridge-regression weights (with an intercept) are fitted to their predictions on a held-out share,
/// then the members are refitted on all of it and their predictions combined with those weights.
/// Models that err differently (latent factors, neighbourhoods, biases) cancel part of each other's error.
/// </summary>
/// <param name="members">The rating predictors to blend, as algorithm name and <c>key=value</c> options; by default <see cref="DefaultMembers"/>.</param>
/// <param name="options">The hyper-parameters (defaults: see <see cref="LinearBlendOptions"/>).</param>
public sealed class LinearBlend(IReadOnlyList<(string Name, string[] Options)>? members = null, LinearBlendOptions? options = null) : IRatingPredictor, IPersistentRecommender
{
    private IReadOnlyList<(string Name, string[] Options)> _memberSpecs = members ?? DefaultMembers;
    private IRatingPredictor[] _members = [];
    private double[] _weights = [];
    private float _min;
    private float _max;

    /// <summary>The members the command line's <c>blend</c> uses: tuned SVD++, biased MF, item- and user-KNN, and baselines.</summary>
    public static IReadOnlyList<(string Name, string[] Options)> DefaultMembers { get; } =
    [
        ("svdpp", ["factors=100", "epochs=100", "lr=0.005", "reg=0.12"]),
        ("biased-mf", ["factors=200", "epochs=100", "lr=0.005", "reg=0.1"]),
        ("item-knn", ["similarity=pearson", "centring=baseline", "shrinkage=100"]),
        ("user-knn", ["similarity=pearson", "centring=baseline", "shrinkage=100"]),
        ("baseline", []),
    ];

    /// <summary>The hyper-parameters.</summary>
    public LinearBlendOptions Options { get; } = ModelOptions.Checked(options, "blend");

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
        var members = _memberSpecs;
        if (members.Count == 0)
        {
            throw new ArgumentException("A blend needs at least one member.");
        }

        if (!train.HasRatings)
        {
            throw new ArgumentException("A blend of rating predictors needs ratings.");
        }

        var (fitPart, held) = InteractionSplits.Random(train, 1 - Options.Holdout, Options.Seed);
        if (fitPart.Count == 0 || held.Count == 0)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The blend fits its weights on a held-out share of its training data (holdout={Options.Holdout}), and {train.Count:N0} training interaction(s) leave {(held.Count == 0 ? "none to hold out" : "none to fit the members on")}; use more data or another holdout."));
        }

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

        _weights = RidgeRegression(predictions, held.Ratings, m, Options.Ridge);
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
        new EpochReporter(callbacks, 1, train.Count).EpochEnd(0, null);
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
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
        ModelGuard.Scores(ModelGuard.Fitted(TrainingData, Name), user, scores);
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
                throw new ArgumentException("The blend's members give linearly dependent predictions on the held-out share, so their weights are not determined; use a ridge penalty above 0 (-o ridge=1).");
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

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        ModelGuard.Fitted(TrainingData, Name);
        var state = new ModelState(Options);
        var list = new JsonArray();
        for (int j = 0; j < _members.Length; j++)
        {
            var member = _members[j] as IPersistentRecommender ?? throw new InvalidOperationException($"Blend member {_members[j].Name} cannot be saved.");
            var memberState = member.ExportState();
            list.Add(new JsonObject
            {
                ["algorithm"] = member.Name,
                ["options"] = new JsonObject([.. memberState.Options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]),
                ["structure"] = memberState.Structure?.DeepClone(),
            });
            state.Nest($"member{j}", memberState);
        }

        state.Structure = new JsonObject { ["members"] = list };
        state.Doubles["weights"] = _weights;
        state.Floats["range"] = [_min, _max];
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        var list = state.Structure?["members"] as JsonArray ?? throw new InvalidDataException("The saved blend lists no members.");
        var weights = state.Double("weights");
        ModelGuard.Length(list.Count + 1, weights.Length, "blend weights");
        var members = new IRatingPredictor[list.Count];
        var specs = new (string Name, string[] Options)[list.Count];
        for (int j = 0; j < list.Count; j++)
        {
            var entry = list[j] as JsonObject ?? throw new InvalidDataException("A saved blend member is not an object.");
            var name = entry["algorithm"]?.GetValue<string>() ?? throw new InvalidDataException("A saved blend member names no algorithm.");
            var memberOptions = (entry["options"] as JsonObject ?? []).ToDictionary(o => o.Key, o => o.Value?.GetValue<string>() ?? string.Empty);
            specs[j] = (name, [.. memberOptions.Select(o => $"{o.Key}={o.Value}")]);
            var algorithm = AlgorithmCatalog.Get(name);
            var member = algorithm.Create(AlgorithmOptions.Parse(algorithm, specs[j].Options), loading: true) as IPersistentRecommender;
            if (member is not IRatingPredictor predictor)
            {
                throw new InvalidDataException($"Saved blend member {name} does not predict ratings.");
            }

            member.ImportState(state.Unnest($"member{j}", memberOptions, entry["structure"] as JsonObject), train);
            members[j] = predictor;
        }

        _weights = weights;
        var range = state.Float("range");
        ModelGuard.Length(2, range.Length, "rating range");
        (_min, _max) = (range[0], range[1]);
        _members = members;
        _memberSpecs = specs;
        TrainingData = train;
    }

    private IRatingPredictor Create(int index) => AlgorithmCatalog.Create(_memberSpecs[index].Name, _memberSpecs[index].Options) as IRatingPredictor
        ?? throw new ArgumentException($"Blend member '{_memberSpecs[index].Name}' does not predict ratings.");
}
