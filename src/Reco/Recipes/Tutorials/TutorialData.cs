using Reco.Data;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>The data preparation the TFRS tutorials share: the seeded split, ids, titles and shuffles.</summary>
internal static class TutorialData
{
    /// <summary>The training and test shares of a single-fold protocol.</summary>
    public static (Interactions Train, Interactions Test) Split(Interactions data, TutorialOptions options, string tutorial)
    {
        ArgumentNullException.ThrowIfNull(data);
        var folds = Protocol.Parse(options.Split, options.Seed).Folds(data).ToArray();
        if (folds.Length != 1)
        {
            throw new ArgumentException($"The {tutorial} tutorial holds out one test share; protocol {options.Split} makes {folds.Length} folds.");
        }

        CrossValidation.Check(folds[0]);
        return (folds[0].Train, folds[0].Test);
    }

    /// <summary>Every item's label (the movie title), as TFRS's candidates are titles; duplicates kept.</summary>
    public static string[] Titles(Interactions data) => [.. Enumerable.Range(0, data.ItemCount).Select(data.Items.LabelOf)];

    /// <summary>The distinct values, sorted ordinally (NumPy's <c>np.unique</c>).</summary>
    public static string[] Unique(IEnumerable<string> values) => [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every user id of the data, sorted.</summary>
    public static string[] UserIds(Interactions data) => Unique(Enumerable.Range(0, data.UserCount).Select(u => data.Users[u]));

    /// <summary>A copy of <paramref name="items"/> in a seeded random order (TFRS's <c>train.shuffle(100_000)</c> before batching and caching).</summary>
    public static T[] Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var array = items.ToArray();
        new Random(seed).Shuffle(array);
        return array;
    }

    /// <summary>The row's user id, title, rating and time.</summary>
    public static (string User, string Title, float Rating, long Time) Row(Interactions rows, int r) =>
        (rows.Users[rows.UserIndices[r]], rows.Items.LabelOf(rows.ItemIndices[r]), rows.RatingAt(r), rows.HasTimestamps ? rows.Timestamps[r] : 0);

    /// <summary>A row of a tutorial's table from a fit's history and its test figures.</summary>
    public static TutorialRow Row(string name, History history, IReadOnlyDictionary<string, double> metrics) =>
        new(name, metrics, 1, history.Epochs.Count, SecondsPerEpoch(history), history);

    /// <summary>Mean seconds per epoch of a fit.</summary>
    public static double SecondsPerEpoch(History history) => history.Epochs.Count == 0 ? 0 : history.Epochs.Average(e => e.Seconds);
}
