namespace Reco.Data.Splits;

/// <summary>
/// Train/test splits of <see cref="Interactions"/>. Both sides share the id maps, so indices agree.
/// Every random split is seeded and deterministic.
/// </summary>
public static class InteractionSplits
{
    /// <summary>
    /// A seeded random share of all interactions for training, the rest for testing: the rows are shuffled
    /// (Fisher–Yates from the last row down, driven by <c>new Random(seed)</c>) and the first
    /// round(n · <paramref name="trainFraction"/>) go to training, both sides in shuffled order.
    /// </summary>
    public static (Interactions Train, Interactions Test) Random(Interactions data, double trainFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(trainFraction);
        var order = Shuffled(data.Count, seed);

        // Rounding rather than truncating keeps e.g. 0.29 · 100 (28.999…) at 29 rows.
        int cut = (int)Math.Round(data.Count * trainFraction, MidpointRounding.AwayFromZero);
        return (data.Subset(order.AsSpan(0, cut)), data.Subset(order.AsSpan(cut)));
    }

    /// <summary>
    /// Per-user stratified split, as microsoft/recommenders' <c>python_stratified_split</c>: each user's
    /// interactions are shuffled (seeded) and the first ⌊n·fraction⌋ go to training, so every user
    /// appears in both sides in the same proportion.
    /// </summary>
    public static (Interactions Train, Interactions Test) Stratified(Interactions data, double trainFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(trainFraction);
        var random = new System.Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var rows in RowsByUser(data))
        {
            random.Shuffle(rows);
            int cut = (int)Math.Floor(rows.Length * trainFraction);
            train.AddRange(rows.AsSpan(0, cut));
            test.AddRange(rows.AsSpan(cut));
        }

        train.Sort();
        test.Sort();
        return (data.Subset(train.ToArray()), data.Subset(test.ToArray()));
    }

    /// <summary>
    /// Per-user temporal leave-last-k-out: each user's <paramref name="k"/> latest interactions (by
    /// timestamp, then by row order) are the test set; users with k or fewer interactions stay in training only.
    /// </summary>
    public static (Interactions Train, Interactions Test) LeaveLastOut(Interactions data, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        RequireTimestamps(data);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var rows in RowsByUser(data))
        {
            var ordered = rows.OrderBy(r => data.Timestamps[r]).ThenBy(r => r).ToArray();
            int cut = ordered.Length > k ? ordered.Length - k : ordered.Length;
            train.AddRange(ordered.AsSpan(0, cut));
            test.AddRange(ordered.AsSpan(cut));
        }

        train.Sort();
        test.Sort();
        return (data.Subset(train.ToArray()), data.Subset(test.ToArray()));
    }

    /// <summary>Global temporal cut-off: the earliest share of interactions (by timestamp) for training, the latest for testing.</summary>
    public static (Interactions Train, Interactions Test) Temporal(Interactions data, double trainFraction)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(trainFraction);
        RequireTimestamps(data);
        var order = Enumerable.Range(0, data.Count).OrderBy(r => data.Timestamps[r]).ThenBy(r => r).ToArray();
        int cut = (int)Math.Round(data.Count * trainFraction);
        return (data.Subset(order.AsSpan(0, cut)), data.Subset(order.AsSpan(cut)));
    }

    /// <summary>
    /// k-fold cross-validation: interactions are shuffled (seeded) and dealt into <paramref name="folds"/>
    /// parts; fold i tests on part i and trains on the rest.
    /// </summary>
    public static IEnumerable<(Interactions Train, Interactions Test)> KFold(Interactions data, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (data.Count < folds)
        {
            throw new ArgumentException($"{data.Count} interactions cannot be split into {folds} folds.");
        }

        var order = Shuffled(data.Count, seed);
        for (int f = 0; f < folds; f++)
        {
            int start = (int)((long)data.Count * f / folds);
            int end = (int)((long)data.Count * (f + 1) / folds);
            var test = order[start..end];
            var train = order[..start].Concat(order[end..]).ToArray();
            Array.Sort(test);
            Array.Sort(train);
            yield return (data.Subset(train), data.Subset(test));
        }
    }

    /// <summary>0…n−1 in a seeded random order (Fisher–Yates from the last position down).</summary>
    private static int[] Shuffled(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var random = new System.Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static List<int[]> RowsByUser(Interactions data)
    {
        var lists = new List<int>[data.UserCount];
        var users = data.UserIndices;
        for (int r = 0; r < users.Length; r++)
        {
            (lists[users[r]] ??= []).Add(r);
        }

        return [.. lists.Where(l => l is not null).Select(l => l.ToArray())];
    }

    private static void CheckFraction(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The training share must be strictly between 0 and 1.");
        }
    }

    private static void RequireTimestamps(Interactions data)
    {
        if (!data.HasTimestamps)
        {
            throw new ArgumentException("A temporal split needs timestamps, and these interactions have none.");
        }
    }
}
