using System.Globalization;
using Reco.Data;

namespace Reco.Bench.Scale;

/// <summary>Whether synthetic data looks like MovieLens: the popularity head and tail, the spread of user activity, the ratings.</summary>
internal static class DataShape
{
    public static void Describe(Interactions data)
    {
        var perItem = new long[data.ItemCount];
        var perUser = new long[data.UserCount];
        foreach (int i in data.ItemIndices)
        {
            perItem[i]++;
        }

        foreach (int u in data.UserIndices)
        {
            perUser[u]++;
        }

        Console.WriteLine(Line("items", perItem, data.Count));
        Console.WriteLine(Line("users", perUser, data.Count));
        if (data.HasRatings)
        {
            var histogram = data.Ratings.ToArray().GroupBy(r => r).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key:0.0}:{100.0 * g.Count() / data.Count:F1}%"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratings: mean {data.Ratings.ToArray().Average(r => (double)r):F3}; {string.Join(' ', histogram)}"));
        }

        if (data.HasTimestamps)
        {
            var times = data.Timestamps.ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timestamps: {DateTimeOffset.FromUnixTimeSeconds(times.Min()):yyyy-MM-dd} to {DateTimeOffset.FromUnixTimeSeconds(times.Max()):yyyy-MM-dd}"));
        }
    }

    private static string Line(string what, long[] counts, long total)
    {
        var sorted = counts.OrderDescending().ToArray();
        double Share(double fraction) => 100.0 * sorted.Take(Math.Max(1, (int)(sorted.Length * fraction))).Sum() / total;
        long Quantile(double q) => sorted[Math.Min(sorted.Length - 1, (int)((1 - q) * sorted.Length))];
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {sorted.Length:N0}; interactions each: max {sorted[0]:N0}, p99 {Quantile(0.99):N0}, p90 {Quantile(0.9):N0}, median {Quantile(0.5):N0}, p10 {Quantile(0.1):N0}, min {sorted[^1]:N0}; top 1% hold {Share(0.01):F1}%, top 10% hold {Share(0.1):F1}%, top 20% hold {Share(0.2):F1}%; {sorted.Count(c => c < 10):N0} with fewer than 10");
    }
}
