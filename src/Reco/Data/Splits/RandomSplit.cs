namespace Reco.Data;

/// <summary>Splits rows into train and test sets by a seeded shuffle.</summary>
public static class RandomSplit
{
    /// <summary>
    /// Shuffles <paramref name="rows"/> with a Fisher-Yates shuffle driven by <c>new Random(seed)</c>, then
    /// takes the first <c>round(rows.Count * trainFraction)</c> rows as the train set and the rest as the test set.
    /// The same rows and seed always give the same split; <paramref name="rows"/> is not modified.
    /// </summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows to split.</param>
    /// <param name="trainFraction">The share of rows that go to the train set, from 0 to 1.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The train and test rows, in shuffled order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainFraction"/> is not in [0, 1].</exception>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Test) Split<T>(IReadOnlyList<T> rows, double trainFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(trainFraction >= 0.0 && trainFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The train fraction must be between 0 and 1.");
        }

        T[] shuffled = [.. rows];
        var random = new Random(seed);
        for (int i = shuffled.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        // Rounding rather than truncating keeps e.g. 0.29 * 100 (28.999...) at 29 rows.
        int trainCount = (int)Math.Round(shuffled.Length * trainFraction, MidpointRounding.AwayFromZero);
        return (Array.AsReadOnly(shuffled[..trainCount]), Array.AsReadOnly(shuffled[trainCount..]));
    }
}
