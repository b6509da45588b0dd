using Reco.Data.Sources.Parquet;
namespace Reco.Evaluation.Metrics;

/// <summary>
/// Metrics of the recommendation lists themselves rather than of their hits: coverage, diversity,
/// novelty, personalisation and popularity bias. Each takes the top-k list of every evaluated user.
/// </summary>
public static class BeyondAccuracy
{
    /// <summary>Catalogue coverage: the share of the candidate items that appear in at least one list.</summary>
    public static double Coverage(IReadOnlyList<int[]> lists, int candidateItems)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidateItems, 1);
        return (double)lists.SelectMany(l => l).Distinct().Count() / candidateItems;
    }

    /// <summary>
    /// Intra-list diversity: the mean, over lists, of the average pairwise cosine distance (1 − cosine
    /// similarity) between the vectors of the list's items (genres, embeddings, …). Lists of one item count 0.
    /// </summary>
    public static double IntraListDiversity(IReadOnlyList<int[]> lists, Func<int, ReadOnlyMemory<float>> itemVector)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(itemVector);
        if (lists.Count == 0)
        {
            return 0;
        }

        double total = 0;
        foreach (var list in lists)
        {
            if (list.Length < 2)
            {
                continue;
            }

            double sum = 0;
            int pairs = 0;
            for (int a = 0; a < list.Length; a++)
            {
                var va = itemVector(list[a]).Span;
                for (int b = a + 1; b < list.Length; b++)
                {
                    sum += 1 - Cosine(va, itemVector(list[b]).Span);
                    pairs++;
                }
            }

            total += sum / pairs;
        }

        return total / lists.Count;
    }

    /// <summary>
    /// Novelty: the mean self-information −log₂ p(i) of recommended items, where p(i) is the share of
    /// training users who interacted with i (an item no one did counts as one user's, to stay finite).
    /// </summary>
    public static double Novelty(IReadOnlyList<int[]> lists, ReadOnlySpan<int> usersPerItem, int userCount)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(userCount, 1);
        double sum = 0;
        long n = 0;
        foreach (var list in lists)
        {
            foreach (int item in list)
            {
                sum -= Math.Log2(Math.Max(1, usersPerItem[item]) / (double)userCount);
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    /// <summary>
    /// Personalisation: 1 − the mean cosine similarity of every pair of users' lists (as binary item
    /// vectors); 0 when everyone gets the same list, near 1 when lists never overlap.
    /// </summary>
    public static double Personalization(IReadOnlyList<int[]> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        int users = lists.Count;
        if (users < 2)
        {
            return 0;
        }

        // Σ over pairs of |A ∩ B| / √(|A|·|B|); with equal-length lists the overlaps add up per item:
        // an item in n lists contributes to n(n−1)/2 pairs.
        if (lists.All(l => l.Length == lists[0].Length))
        {
            int length = lists[0].Length;
            if (length == 0)
            {
                return 0;
            }

            double shared = lists.SelectMany(l => l).GroupBy(i => i).Sum(g => g.Count() * (g.Count() - 1.0) / 2);
            double pairs = users * (users - 1.0) / 2;
            return 1 - (shared / length / pairs);
        }

        double similarity = 0;
        for (int a = 0; a < users; a++)
        {
            var set = lists[a].ToHashSet();
            for (int b = a + 1; b < users; b++)
            {
                int overlap = lists[b].Count(set.Contains);
                double norm = Math.Sqrt((double)lists[a].Length * lists[b].Length);
                similarity += norm == 0 ? 0 : overlap / norm;
            }
        }

        return 1 - (similarity / (users * (users - 1.0) / 2));
    }

    /// <summary>
    /// Popularity bias as the Gini coefficient of how often each candidate item is recommended:
    /// 0 when every item is recommended equally often, close to 1 when a few items fill every list.
    /// </summary>
    public static double Gini(IReadOnlyList<int[]> lists, int candidateItems)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidateItems, 1);
        var counts = new Dictionary<int, long>();
        foreach (var list in lists)
        {
            foreach (int item in list)
            {
                counts[item] = counts.GetValueOrDefault(item) + 1;
            }
        }

        if (counts.Count > candidateItems)
        {
            throw new ArgumentException($"The lists hold {counts.Count} distinct items, more than the {candidateItems} candidates.", nameof(candidateItems));
        }

        var sorted = new long[candidateItems];
        int at = candidateItems - counts.Count;
        foreach (var c in counts.Values.Order())
        {
            sorted[at++] = c;
        }

        double total = sorted.Sum();
        if (total == 0)
        {
            return 0;
        }

        double weighted = 0;
        for (int i = 0; i < candidateItems; i++)
        {
            weighted += ((2.0 * (i + 1)) - candidateItems - 1) * sorted[i];
        }

        return weighted / (candidateItems * total);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The item vectors differ in length ({a.Length} and {b.Length}); every item needs a vector of the same length.");
        }

        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        if (!double.IsFinite(dot) || !double.IsFinite(na) || !double.IsFinite(nb))
        {
            throw new ArgumentException("An item vector holds a value that is not a finite number.");
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
