namespace Reco.Models.Factorization;

/// <summary>
/// Membership in a sorted list starting from a guessed position: the search gallops outwards from the
/// guess and then bisects, so a good guess reads one or two cache lines (which can be prefetched) where
/// a plain binary search reads about log₂(n) lines, each known only after the one before.
/// </summary>
internal static class GuessedSearch
{
    /// <summary>Whether <paramref name="sorted"/> (ascending) holds <paramref name="value"/>.</summary>
    /// <param name="sorted">The list, ascending.</param>
    /// <param name="value">The value looked for.</param>
    /// <param name="guess">Where it would be, as a guess (clamped to the list).</param>
    public static bool Contains(ReadOnlySpan<int> sorted, int value, int guess)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return false;
        }

        int g = Math.Clamp(guess, 0, n - 1);
        int at = sorted[g];
        if (at == value)
        {
            return true;
        }

        int lo, hi;
        int step = 1;
        if (at < value)
        {
            // Everything before lo is below the value.
            lo = g + 1;
            int probe = g + 1;
            while (probe < n && sorted[probe] < value)
            {
                lo = probe + 1;
                step <<= 1;
                probe = g + step;
            }

            hi = Math.Min(probe + 1, n);
        }
        else
        {
            // Everything from hi on is above the value.
            hi = g;
            int probe = g - 1;
            while (probe >= 0 && sorted[probe] > value)
            {
                hi = probe;
                step <<= 1;
                probe = g - step;
            }

            lo = Math.Max(probe, 0);
        }

        return lo < hi && sorted[lo..hi].BinarySearch(value) >= 0;
    }

    /// <summary>
    /// The share of a list's values expected below each value when lists are drawn in proportion to
    /// <paramref name="counts"/>: entry v is Σ_{w&lt;v} counts[w] / Σ counts (one entry more than counts).
    /// </summary>
    public static float[] SharesBelow(ReadOnlySpan<int> counts)
    {
        var below = new float[counts.Length + 1];
        long total = 0;
        foreach (int c in counts)
        {
            total += c;
        }

        long running = 0;
        for (int v = 0; v < counts.Length; v++)
        {
            below[v] = total == 0 ? 0 : (float)((double)running / total);
            running += counts[v];
        }

        below[counts.Length] = 1;
        return below;
    }
}
