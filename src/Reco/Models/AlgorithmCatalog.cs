using System.Globalization;
using Reco.Models.Baselines;
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
    public static IRecommender Create(string name, IEnumerable<string>? options = null)
    {
        var algorithm = Get(name);
        return algorithm.Create(AlgorithmOptions.Parse(algorithm, options ?? []));
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
