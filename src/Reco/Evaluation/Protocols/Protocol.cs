using System.Globalization;
using Reco.Data;
using Reco.Data.Splits;

namespace Reco.Evaluation.Protocols;

/// <summary>
/// How a data set is split for evaluation, parsed from a short specification: <c>random:0.8</c>,
/// <c>stratified:0.75</c>, <c>temporal:0.8</c>, <c>leave-last:1</c>, <c>kfold:5</c>, or the name of folds
/// the data set comes with (<see cref="IPredefinedFolds"/>: MovieLens 100k's <c>u1</c> … <c>u5</c>,
/// <c>ua</c>, <c>ub</c>, <c>u1-u5</c>). Every holdout split of the library goes through here.
/// </summary>
public sealed class Protocol
{
    private readonly Func<Interactions, IPredefinedFolds?, IEnumerable<Fold>> _folds;

    private Protocol(string specification, int seed, Func<Interactions, IPredefinedFolds?, IEnumerable<Fold>> folds)
    {
        Specification = specification;
        Seed = seed;
        _folds = folds;
    }

    /// <summary>The specification it was parsed from.</summary>
    public string Specification { get; }

    /// <summary>The seed of its random choices.</summary>
    public int Seed { get; }

    /// <summary>The specifications <see cref="Parse"/> accepts, for help texts.</summary>
    public static string Help => "random:FRACTION, stratified:FRACTION, temporal:FRACTION, leave-last:K, kfold:K, or the data set's own folds (MovieLens 100k: u1…u5, ua, ub, u1-u5)";

    /// <summary>Parses a specification.</summary>
    /// <exception cref="FormatException">The specification is not understood; the message lists the accepted ones.</exception>
    public static Protocol Parse(string specification, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var parts = specification.Split(':', 2);
        string kind = parts[0].Trim().ToLowerInvariant();
        string? argument = parts.Length == 2 ? parts[1].Trim() : null;
        switch (kind)
        {
            case "random":
                double random = Fraction(specification, argument, 0.8);
                return new(specification, seed, (data, _) => [Single("random", InteractionSplits.Random(data, random, seed))]);
            case "stratified":
                double stratified = Fraction(specification, argument, 0.75);
                return new(specification, seed, (data, _) => [Single("stratified", InteractionSplits.Stratified(data, stratified, seed))]);
            case "temporal":
                double temporal = Fraction(specification, argument, 0.8);
                return new(specification, seed, (data, _) => [Single("temporal", InteractionSplits.Temporal(data, temporal))]);
            case "leave-last":
                int last = Count(specification, argument, 1, 1);
                return new(specification, seed, (data, _) => [Single($"leave-last-{last}", InteractionSplits.LeaveLastOut(data, last))]);
            case "kfold":
                int folds = Count(specification, argument, 5, 2);
                return new(specification, seed, (data, _) => InteractionSplits.KFold(data, folds, seed).Select((f, i) => new Fold($"fold {i + 1}/{folds}", f.Train, f.Test)));
            default:
                if (argument is not null || kind.Length == 0 || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    throw new FormatException($"Protocol '{specification}' is not understood; expected {Help}.");
                }

                return new(specification, seed, (data, predefined) => Predefined(specification, kind, data, predefined));
        }
    }

    /// <summary>The folds of <paramref name="data"/>; a protocol that names predefined folds reads them from <paramref name="predefined"/>.</summary>
    /// <exception cref="ArgumentException">The protocol names folds the data does not have.</exception>
    public IEnumerable<Fold> Folds(Interactions data, IPredefinedFolds? predefined = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _folds(data, predefined);
    }

    private static IEnumerable<Fold> Predefined(string specification, string name, Interactions data, IPredefinedFolds? predefined)
    {
        var names = predefined?.Resolve(name) ?? throw new ArgumentException(predefined is null
            ? $"Protocol '{specification}' is neither a split (random:FRACTION, stratified:FRACTION, temporal:FRACTION, leave-last:K or kfold:K) nor predefined folds of this data, which has none."
            : $"Protocol '{specification}' is not understood; expected random:FRACTION, stratified:FRACTION, temporal:FRACTION, leave-last:K, kfold:K or {predefined.Help}.");
        foreach (var fold in names)
        {
            var (train, test) = predefined.Load(fold, data);
            yield return new Fold(fold, train, test);
        }
    }

    private static Fold Single(string name, (Interactions Train, Interactions Test) split) => new(name, split.Train, split.Test);

    private static double Fraction(string specification, string? argument, double fallback)
    {
        if (argument is null)
        {
            return fallback;
        }

        if (double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value < 1)
        {
            return value;
        }

        throw new FormatException($"Protocol '{specification}': '{argument}' is not a training share strictly between 0 and 1.");
    }

    private static int Count(string specification, string? argument, int fallback, int minimum)
    {
        if (argument is null)
        {
            return fallback;
        }

        if (int.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum)
        {
            return value;
        }

        throw new FormatException($"Protocol '{specification}': '{argument}' must be a whole number of at least {minimum}.");
    }
}
