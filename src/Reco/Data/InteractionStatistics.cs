namespace Reco.Data;

/// <summary>What a set of interactions looks like: sizes, density, ratings, activity and the most popular items.</summary>
/// <param name="Interactions">Number of interactions.</param>
/// <param name="Users">Users with at least one interaction.</param>
/// <param name="Items">Items with at least one interaction.</param>
/// <param name="CatalogueItems">Items in the id map, with interactions or not.</param>
/// <param name="Density">Interactions ÷ (users × items with interactions).</param>
/// <param name="RatingCounts">Count of each distinct rating, ascending by rating (empty without ratings, or with more than 50 distinct values).</param>
/// <param name="MeanRating">The mean rating, or null without ratings.</param>
/// <param name="MedianPerUser">Median interactions per active user.</param>
/// <param name="MaxPerUser">Most interactions of one user.</param>
/// <param name="FirstTime">Earliest timestamp (Unix seconds), or null.</param>
/// <param name="LastTime">Latest timestamp, or null.</param>
/// <param name="TopItems">The most interacted-with items: index and count, most first.</param>
public sealed record InteractionStatistics(
    int Interactions,
    int Users,
    int Items,
    int CatalogueItems,
    double Density,
    IReadOnlyList<(float Rating, int Count)> RatingCounts,
    double? MeanRating,
    int MedianPerUser,
    int MaxPerUser,
    long? FirstTime,
    long? LastTime,
    IReadOnlyList<(int Item, int Count)> TopItems)
{
    /// <summary>Computes the statistics of <paramref name="data"/>.</summary>
    /// <param name="data">The interactions.</param>
    /// <param name="top">How many top items to list.</param>
    /// <returns>The statistics.</returns>
    public static InteractionStatistics Compute(Interactions data, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(data);
        var perUser = new int[data.UserCount];
        var perItem = new int[data.ItemCount];
        foreach (int u in data.UserIndices)
        {
            perUser[u]++;
        }

        foreach (int i in data.ItemIndices)
        {
            perItem[i]++;
        }

        int users = perUser.Count(c => c > 0);
        int items = perItem.Count(c => c > 0);
        var active = perUser.Where(c => c > 0).Order().ToArray();

        var ratingCounts = new Dictionary<float, int>();
        double sum = 0;
        foreach (float r in data.Ratings)
        {
            sum += r;
            if (ratingCounts.Count <= 50)
            {
                ratingCounts[r] = ratingCounts.GetValueOrDefault(r) + 1;
            }
        }

        var distribution = ratingCounts.Count <= 50 ? ratingCounts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToArray() : [];
        long? first = null;
        long? last = null;
        if (data.HasTimestamps && data.Count > 0)
        {
            long min = long.MaxValue;
            long max = long.MinValue;
            foreach (long t in data.Timestamps)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }

            (first, last) = (min, max);
        }

        var topItems = Enumerable.Range(0, perItem.Length).Where(i => perItem[i] > 0)
            .OrderByDescending(i => perItem[i]).ThenBy(i => i).Take(top).Select(i => (i, perItem[i])).ToArray();
        return new InteractionStatistics(
            data.Count,
            users,
            items,
            data.ItemCount,
            users == 0 || items == 0 ? 0 : data.Count / ((double)users * items),
            distribution,
            data.HasRatings && data.Count > 0 ? sum / data.Count : null,
            active.Length == 0 ? 0 : active[active.Length / 2],
            active.Length == 0 ? 0 : active[^1],
            first,
            last,
            topItems);
    }
}
