using System.Globalization;

namespace Reco.Numerics;

/// <summary>
/// Allocates a model's weight arrays after checking their size, so that a setting too large for this machine
/// (an embedding of a billion values a row, a billion factors) is a clear error before any work instead of
/// an arithmetic overflow or an out-of-memory crash minutes later.
/// </summary>
internal static class WeightArrays
{
    /// <summary>A zeroed array of <paramref name="rows"/> × <paramref name="columns"/> values.</summary>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Values a row.</param>
    /// <param name="what">What the array holds, for the message (for example "An embedding table").</param>
    /// <exception cref="ArgumentOutOfRangeException">It would not fit in one array, or in the memory the process may use.</exception>
    public static float[] New(long rows, long columns, string what)
    {
        Check(rows, columns, sizeof(float), what);
        return new float[rows * columns];
    }

    /// <summary>Checks that <paramref name="rows"/> × <paramref name="columns"/> values of <paramref name="bytesPerValue"/> bytes fit one array and the memory the process may use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">They would not; the message says what and how large.</exception>
    public static void Check(long rows, long columns, int bytesPerValue, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        double count = (double)rows * columns;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (count > Array.MaxLength || count * bytesPerValue > available)
        {
            string limit = count > Array.MaxLength
                ? string.Create(CultureInfo.InvariantCulture, $"more than one array can hold ({Array.MaxLength:N0})")
                : string.Create(CultureInfo.InvariantCulture, $"{Gigabytes(count * bytesPerValue)} where this machine offers {Gigabytes(available)}");
            throw new ArgumentOutOfRangeException(null, string.Create(CultureInfo.InvariantCulture, $"{what} would hold {rows:N0} × {columns:N0} values, {limit}; choose smaller sizes."));
        }
    }

    // Kept here rather than borrowed from the models' MemoryEstimate: numerics sit below the models.
    private static string Gigabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB");
}
