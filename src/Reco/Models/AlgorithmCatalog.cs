using System.Globalization;
using Reco.Data;
using Reco.Models.Baselines;
using Reco.Models.Content;
using Reco.Models.Factorization;
using Reco.Models.Neighborhood;
using Reco.Models.TwoTower;

namespace Reco.Models;

/// <summary>A hyper-parameter of an algorithm, with its default as the command line spells it.</summary>
/// <param name="Name">The key of <c>--option key=value</c>.</param>
/// <param name="Default">The default value.</param>
/// <param name="Description">What it does.</param>
public sealed record Hyperparameter(string Name, string Default, string Description);

/// <summary>An algorithm the command line can train by name.</summary>
/// <param name="Name">Its name (<c>popularity</c>, <c>two-tower</c>, …).</param>
/// <param name="Description">One line on what it is.</param>
/// <param name="Parameters">Its hyper-parameters.</param>
/// <param name="Create">Builds an unfitted model from parsed options.</param>
public sealed record Algorithm(string Name, string Description, IReadOnlyList<Hyperparameter> Parameters, Func<AlgorithmOptions, IRecommender> Create);

/// <summary>Every algorithm by name, with its hyper-parameters and defaults.</summary>
public static class AlgorithmCatalog
{
    private static readonly List<Algorithm> Entries =
    [
        new("popularity", "Most popular items by interaction count (or summed rating), the same for every user.",
            [new("weighted", "false", "Rank by summed ratings instead of counts.")],
            o => new Popularity(o.Bool("weighted"))),
        new("random", "Random scores (seeded), the floor every model must beat.",
            [new("seed", "42", "Seed of the scores.")],
            o => new RandomRecommender(o.Int("seed"))),
        new("average", "Predicts the global, user or item mean rating.",
            [new("of", "item", "global, user or item.")],
            o => new MeanRating(o.String("of") switch
            {
                "global" => MeanKind.Global,
                "user" => MeanKind.User,
                "item" => MeanKind.Item,
                var v => throw new FormatException($"Option of={v} of average must be global, user or item."),
            })),
        new("baseline", "User and item biases, mu + b_u + b_i, by regularised ALS (Surprise's BaselineOnly).",
            [
                new("epochs", "10", "Alternations."),
                new("user-reg", "15", "Regularisation of user biases."),
                new("item-reg", "10", "Regularisation of item biases."),
            ],
            o => new BaselineBiases(o.Int("epochs"), o.Float("user-reg"), o.Float("item-reg"))),
        new("content", "Cosine between item feature vectors and the user's rating-weighted profile (needs item features).",
            [new("min-rating", "0", "Least rating that counts as liked.")],
            o => new ContentBased(o.ItemFeatures, o.Float("min-rating"))),
        new("user-knn", "User-based k-nearest neighbours.",
            [
                new("k", "40", "Neighbours per prediction: the most similar users that rated the item."),
                new("similarity", "cosine", "cosine, adjusted-cosine, pearson or jaccard."),
                new("shrinkage", "100", "Shrink similarities by (c-1)/(c-1+shrinkage), c = common raters (0 is Surprise's plain cosine, which rates a pair with one common rater 1.0)."),
                new("centering", "means", "none, means or baseline (KNNBasic, KNNWithMeans, KNNBaseline)."),
                new("list-size", "0", "Neighbours precomputed per entity (0: all positively similar)."),
            ],
            o => new UserKnn(o.Int("k"), NeighborhoodNames.Measure(o.String("similarity")), o.Float("shrinkage"), NeighborhoodNames.Centering(o.String("centering")), o.Int("list-size"))),
        new("item-knn", "Item-based k-nearest neighbours with precomputed neighbour lists.",
            [
                new("k", "40", "Neighbours per prediction: the most similar items the user rated."),
                new("similarity", "cosine", "cosine, adjusted-cosine, pearson or jaccard."),
                new("shrinkage", "100", "Shrink similarities by (c-1)/(c-1+shrinkage), c = common raters (0 is Surprise's plain cosine, which rates a pair with one common rater 1.0)."),
                new("centering", "means", "none, means or baseline (KNNBasic, KNNWithMeans, KNNBaseline)."),
                new("list-size", "0", "Neighbours precomputed per entity (0: all positively similar)."),
            ],
            o => new ItemKnn(o.Int("k"), NeighborhoodNames.Measure(o.String("similarity")), o.Float("shrinkage"), NeighborhoodNames.Centering(o.String("centering")), o.Int("list-size"))),
        new("biased-mf", "Biased matrix factorisation by SGD (Funk SVD, Surprise's SVD).",
            [
                new("factors", "100", "Factor length."),
                new("epochs", "20", "Passes over the ratings."),
                new("lr", "0.005", "Learning rate."),
                new("reg", "0.02", "L2 penalty."),
                new("init-std", "0.1", "Std of the normal initial factors."),
                new("seed", "42", "Seed of the initial factors."),
            ],
            o => new BiasedMatrixFactorization(o.Int("factors"), o.Int("epochs"), o.Float("lr"), o.Float("reg"), o.Float("init-std"), o.Int("seed"))),
        new("svdpp", "SVD++: biased MF plus implicit feedback from the set of rated items.",
            [
                new("factors", "20", "Factor length."),
                new("epochs", "20", "Passes over the ratings."),
                new("lr", "0.007", "Learning rate."),
                new("reg", "0.02", "L2 penalty."),
                new("init-std", "0.1", "Std of the normal initial factors."),
                new("seed", "42", "Seed of the initial factors and user order."),
            ],
            o => new SvdPlusPlus(o.Int("factors"), o.Int("epochs"), o.Float("lr"), o.Float("reg"), o.Float("init-std"), o.Int("seed"))),
        new("als", "Implicit ALS (WRMF) with confidence 1 + alpha*w and a conjugate-gradient solver.",
            [
                new("factors", "32", "Factor length."),
                new("iterations", "10", "ALS sweeps."),
                new("reg", "30", "L2 penalty."),
                new("alpha", "3", "Confidence scale."),
                new("cg-steps", "3", "Conjugate-gradient steps per solve."),
                new("use-ratings", "false", "Weight interactions by rating instead of 1."),
                new("seed", "42", "Seed of the initial factors."),
            ],
            o => new ImplicitAls(o.Int("factors"), o.Int("iterations"), o.Float("reg"), o.Float("alpha"), o.Int("cg-steps"), o.Bool("use-ratings"), o.Int("seed"))),
        new("bpr", "Bayesian personalised ranking: pairwise SGD with sampled negatives.",
            [
                new("factors", "64", "Factor length."),
                new("epochs", "60", "Passes (one sampled triple per interaction each)."),
                new("lr", "0.02", "Learning rate."),
                new("reg", "0.01", "L2 penalty."),
                new("seed", "42", "Seed of the initial factors and sampling."),
            ],
            o => new Bpr(o.Int("factors"), o.Int("epochs"), o.Float("lr"), o.Float("reg"), o.Int("seed"))),
        new("blend", "Linear blend (stacking) of SVD++, biased MF, item-KNN, user-KNN and baselines, weights fitted by ridge regression on a held-out share.",
            [
                new("holdout", "0.1", "Share of the training data the weights are fitted on."),
                new("ridge", "1", "L2 penalty on the member weights."),
                new("seed", "42", "Seed of the held-out split."),
            ],
            o => new Ensembles.LinearBlend(Ensembles.LinearBlend.DefaultMembers, o.Float("holdout"), o.Float("ridge"), o.Int("seed"))),
        new("ease", "EASE: closed-form item-item autoencoder, B = I - P diagMat(1/diag(P)), P = (X'X + lambda I)^-1.",
            [new("lambda", "500", "L2 penalty.")],
            o => new Ease(o.Float("lambda"))),
        new("two-tower", "User-id and item-id embedding towers trained with the in-batch softmax of TFRS's retrieval task.",
            [
                new("dim", "32", "Embedding length."),
                new("epochs", "3", "Passes over the training data."),
                new("batch-size", "8192", "Interactions per batch (the in-batch negatives)."),
                new("optimizer", "adagrad:0.1", "Optimizer and learning rate."),
                new("seed", "42", "Seed of initial weights and shuffling."),
            ],
            o => new TwoTowerRecommender(o.Int("dim"), o.Int("epochs"), o.Int("batch-size"), o.String("optimizer"), o.Int("seed"))),
    ];

    /// <summary>All algorithms.</summary>
    public static IReadOnlyList<Algorithm> All => Entries;

    /// <summary>Finds an algorithm by name.</summary>
    /// <exception cref="ArgumentException">No such algorithm; the message lists them.</exception>
    public static Algorithm Get(string name) => Entries.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"Unknown algorithm '{name}'; expected one of: {string.Join(", ", Entries.Select(a => a.Name))}.");

    /// <summary>Creates <paramref name="name"/> with <paramref name="options"/> (<c>key=value</c> strings) over its defaults.</summary>
    public static IRecommender Create(string name, IEnumerable<string>? options = null) => Create(name, options, null);

    /// <summary>Creates <paramref name="name"/> with <paramref name="options"/> and side data for the algorithms that use it.</summary>
    /// <param name="name">The algorithm.</param>
    /// <param name="options"><c>key=value</c> strings over its defaults.</param>
    /// <param name="itemFeatures">Item features (used by <c>content</c>; ignored by the rest).</param>
    public static IRecommender Create(string name, IEnumerable<string>? options, ItemFeatures? itemFeatures)
    {
        var algorithm = Get(name);
        return algorithm.Create(AlgorithmOptions.Parse(algorithm, options ?? [], itemFeatures));
    }
}

/// <summary>Parsed <c>key=value</c> options of one algorithm, with typed access and clear errors.</summary>
public sealed class AlgorithmOptions
{
    private readonly Algorithm _algorithm;
    private readonly Dictionary<string, string> _values;

    private AlgorithmOptions(Algorithm algorithm, Dictionary<string, string> values)
    {
        _algorithm = algorithm;
        _values = values;
    }

    /// <summary>Parses <c>key=value</c> pairs and attaches side data (item features for <c>content</c>).</summary>
    public static AlgorithmOptions Parse(Algorithm algorithm, IEnumerable<string> pairs, ItemFeatures? itemFeatures)
    {
        var options = Parse(algorithm, pairs);
        options.ItemFeatures = itemFeatures;
        return options;
    }

    /// <summary>Parses <c>key=value</c> pairs; unknown keys are errors that list the known ones.</summary>
    public static AlgorithmOptions Parse(Algorithm algorithm, IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var values = algorithm.Parameters.ToDictionary(p => p.Name, p => p.Default);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? pair[..eq] : pair;
            if (eq <= 0 || !values.ContainsKey(key))
            {
                var known = algorithm.Parameters.Count == 0 ? "it has none" : "known: " + string.Join(", ", algorithm.Parameters.Select(p => p.Name));
                throw new FormatException($"'{pair}' is not an option of {algorithm.Name} ({known}); write key=value.");
            }

            values[key] = pair[(eq + 1)..];
        }

        return new AlgorithmOptions(algorithm, values);
    }

    /// <summary>Item features given to <see cref="AlgorithmCatalog.Create(string, IEnumerable{string}?, ItemFeatures?)"/>, if any.</summary>
    public ItemFeatures? ItemFeatures { get; private set; }

    /// <summary>A text option.</summary>
    public string String(string key) => _values[key];

    /// <summary>An integer option.</summary>
    public int Int(string key) => int.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(key, "an integer");

    /// <summary>A floating-point option.</summary>
    public float Float(string key) => float.TryParse(_values[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) ? v : throw Bad(key, "a number");

    /// <summary>A true/false option.</summary>
    public bool Bool(string key) => bool.TryParse(_values[key], out var v) ? v : throw Bad(key, "true or false");

    private FormatException Bad(string key, string what) => new($"Option {key}={_values[key]} of {_algorithm.Name} must be {what}.");
}
