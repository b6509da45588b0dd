using System.Globalization;

namespace Reco.Models;

/// <summary>
/// About how much memory an algorithm needs to fit on data of a given shape, and what takes it; checked
/// before fitting so that a size that cannot fit is a clear error instead of an out-of-memory crash
/// minutes later.
/// </summary>
/// <param name="Bytes">The estimate.</param>
/// <param name="What">What takes the memory, in words (for example "the item × item similarities").</param>
public sealed record MemoryEstimate(double Bytes, string What)
{
    /// <summary>Memory the process may use: the runtime's limit (container limits included).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws when the estimate exceeds what the process may use.</summary>
    /// <exception cref="ArgumentException">It would not fit; the message says how much it needs and why.</exception>
    public void EnsureFits(string algorithm, int users, int items, long available)
    {
        if (Bytes > available)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"{algorithm} would need about {Size(Bytes)} for {users:N0} users and {items:N0} items ({What}), and this machine offers {Size(available)}; use less data or settings that need less memory."));
        }
    }

    /// <summary>A factor model's: user and item factor matrices of <paramref name="factors"/> columns, and <paramref name="copies"/> more of the same size (optimizer state, item-side sums).</summary>
    public static MemoryEstimate ForFactors(int factors, int users, int items, int copies) =>
        new(4.0 * factors * ((double)users + items) * (1 + copies), string.Create(CultureInfo.InvariantCulture, $"its factors={factors} user and item factors"));

    /// <summary>Checks <see cref="ForFactors"/> against the memory the process may use, before a factor model's fit does any work.</summary>
    /// <exception cref="ArgumentException">It would not fit; the message says how much it needs.</exception>
    internal static void EnsureFactorsFit(string algorithm, int factors, Data.Interactions train, int copies) =>
        ForFactors(factors, train.UserCount, train.ItemCount, copies).EnsureFits(algorithm, train.UserCount, train.ItemCount, Available);

    /// <summary>Bytes as KB, MB, GB or TB.</summary>
    public static string Size(double bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {units[unit]}");
    }
}
