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
    /// <param name="what">What the array holds, for the message (for example "the user embedding table").</param>
    /// <exception cref="ArgumentOutOfRangeException">It would not fit in one array, or in the memory the process may use.</exception>
    public static float[] New(int rows, int columns, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long count = (long)rows * columns;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (count > Array.MaxLength || count * sizeof(float) > available)
        {
            string limit = count > Array.MaxLength
                ? string.Create(CultureInfo.InvariantCulture, $"more than one array can hold ({Array.MaxLength:N0})")
                : string.Create(CultureInfo.InvariantCulture, $"{Gigabytes(count * sizeof(float))} where this machine offers {Gigabytes(available)}");
            throw new ArgumentOutOfRangeException(nameof(columns), string.Create(CultureInfo.InvariantCulture, $"{what} would hold {rows:N0} × {columns:N0} values, {limit}; choose smaller sizes."));
        }

        return new float[count];
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB");
}
