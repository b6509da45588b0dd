using System.Globalization;
using Reco.Data;
using Reco.Data.MovieLens;
using Reco.Data.Splits;

namespace Reco.Evaluation.Protocols;

/// <summary>
/// How a data set is split for evaluation, parsed from a short specification:
/// <c>random:0.8</c>, <c>stratified:0.75</c>, <c>temporal:0.8</c>, <c>leave-last:1</c>, <c>kfold:5</c>,
/// or MovieLens 100k's predefined folds <c>u1</c> … <c>u5</c>, <c>ua</c>, <c>ub</c> and <c>u1-u5</c> (all five).
/// </summary>
public sealed class Protocol
{
    private readonly Func<Interactions, MovieLens100K?, IEnumerable<Fold>> _folds;

    private Protocol(string specification, int seed, Func<Interactions, MovieLens100K?, IEnumerable<Fold>> folds)
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
    public static string Help => "random:FRACTION, stratified:FRACTION, temporal:FRACTION, leave-last:K, kfold:K, or MovieLens folds u1…u5, ua, ub, u1-u5";

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
            case "u1" or "u2" or "u3" or "u4" or "u5" or "ua" or "ub" when argument is null:
                return new(specification, seed, (data, movieLens) => [MovieLensFold(kind, data, movieLens)]);
            case "u1-u5" when argument is null:
                return new(specification, seed, (data, movieLens) => Enumerable.Range(1, 5).Select(i => MovieLensFold($"u{i}", data, movieLens)));
            default:
                throw new FormatException($"Protocol '{specification}' is not understood; expected {Help}.");
        }
    }

    /// <summary>The folds of <paramref name="data"/>; MovieLens folds also need the loaded data set they come from.</summary>
    public IEnumerable<Fold> Folds(Interactions data, MovieLens100K? movieLens = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _folds(data, movieLens);
    }

    private static Fold Single(string name, (Interactions Train, Interactions Test) split) => new(name, split.Train, split.Test);

    private static Fold MovieLensFold(string name, Interactions data, MovieLens100K? movieLens)
    {
        if (movieLens is null)
        {
            throw new ArgumentException($"Protocol {name} uses MovieLens 100k's predefined folds, which need the MovieLens folder.");
        }

        var train = MovieLensInteractions.ToInteractions(movieLens.LoadRatings($"{name}.base"), data.Users, data.Items);
        var test = MovieLensInteractions.ToInteractions(movieLens.LoadRatings($"{name}.test"), data.Users, data.Items);
        return new Fold(name, train, test);
    }

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
