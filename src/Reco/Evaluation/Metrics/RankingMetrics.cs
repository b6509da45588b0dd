namespace Reco.Evaluation.Metrics;

/// <summary>
/// Top-k ranking metrics of one user's <see cref="RankedList"/>, each the expected value over random
/// orderings of tied items (see <see cref="RankedList"/>). Definitions are in docs/metrics.md.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Expected number of relevant items among the first <paramref name="k"/>.</summary>
    public static double Hits(RankedList list, int k)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double hits = 0;
        for (int g = 0; g < list.GroupCount && list.GroupStart(g) < k; g++)
        {
            int size = list.GroupSize(g);
            int inside = Math.Min(size, k - list.GroupStart(g));
            hits += (double)list.GroupRelevant(g) * inside / size;
        }

        return hits;
    }

    /// <summary>precision@k = hits@k / k.</summary>
    public static double Precision(RankedList list, int k) => Hits(list, k) / k;

    /// <summary>recall@k = hits@k / number of relevant items (0 when there are none).</summary>
    public static double Recall(RankedList list, int k) => list.RelevantCount == 0 ? 0 : Hits(list, k) / list.RelevantCount;

    /// <summary>hit rate@k: the probability that at least one relevant item is among the first k.</summary>
    public static double HitRate(RankedList list, int k)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        for (int g = 0; g < list.GroupCount && list.GroupStart(g) < k; g++)
        {
            int size = list.GroupSize(g);
            int relevant = list.GroupRelevant(g);
            if (relevant == 0)
            {
                continue;
            }

            int slots = Math.Min(size, k - list.GroupStart(g));
            if (slots == size)
            {
                return 1;
            }

            // P(none of the `slots` positions drawn from the group is relevant) = C(size−r, slots) / C(size, slots).
            double none = 1;
            for (int i = 0; i < slots; i++)
            {
                none *= (double)(size - relevant - i) / (size - i);
            }

            return 1 - Math.Max(0, none);
        }

        return 0;
    }

    /// <summary>
    /// NDCG@k with the gains the list was built with (1 for binary relevance): DCG = Σ gain / log₂(position + 1),
    /// divided by the DCG of the ideal ordering of the relevant items.
    /// </summary>
    public static double Ndcg(RankedList list, int k)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double dcg = 0;
        for (int g = 0; g < list.GroupCount && list.GroupStart(g) < k; g++)
        {
            int start = list.GroupStart(g);
            int size = list.GroupSize(g);
            double meanGain = list.GroupGain(g) / size;
            if (meanGain == 0)
            {
                continue;
            }

            for (int p = start; p < Math.Min(start + size, k); p++)
            {
                dcg += meanGain / Math.Log2(p + 2);
            }
        }

        double ideal = 0;
        var gains = list.RelevantGains;
        for (int p = 0; p < Math.Min(k, gains.Length); p++)
        {
            ideal += gains[p] / Math.Log2(p + 2);
        }

        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>
    /// AP@k = (1 / min(k, relevant)) · Σ_{p ≤ k} precision@p · rel(p); MAP@k is its mean over users.
    /// </summary>
    public static double AveragePrecision(RankedList list, int k)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (list.RelevantCount == 0)
        {
            return 0;
        }

        double sum = 0;
        double before = 0;
        for (int g = 0; g < list.GroupCount && list.GroupStart(g) < k; g++)
        {
            int start = list.GroupStart(g);
            int size = list.GroupSize(g);
            double r = list.GroupRelevant(g);
            if (r > 0)
            {
                // E[rel(p) · hits(≤p)] for the j-th position of the group (j = 0…):
                // (r/g)·(hits before the group + 1) + j·r(r−1)/(g(g−1)).
                double pairs = size > 1 ? r * (r - 1) / (size * (size - 1.0)) : 0;
                for (int j = 0; j < size && start + j < k; j++)
                {
                    double expected = (r / size * (before + 1)) + (j * pairs);
                    sum += expected / (start + j + 1);
                }
            }

            before += r;
        }

        return sum / Math.Min(k, list.RelevantCount);
    }

    /// <summary>Reciprocal rank of the first relevant item within the first k (0 if none); MRR@k is its mean.</summary>
    public static double ReciprocalRank(RankedList list, int k)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        for (int g = 0; g < list.GroupCount && list.GroupStart(g) < k; g++)
        {
            int size = list.GroupSize(g);
            int relevant = list.GroupRelevant(g);
            if (relevant == 0)
            {
                continue;
            }

            // P(the first relevant item is the j-th of the group) = C(size−j−1, r−1) / C(size, r).
            int start = list.GroupStart(g);
            double expected = 0;
            double probabilityNoneBefore = 1;
            for (int j = 0; j <= size - relevant && start + j < k; j++)
            {
                double hereGivenNone = (double)relevant / (size - j);
                expected += probabilityNoneBefore * hereGivenNone / (start + j + 1);
                probabilityNoneBefore *= 1 - hereGivenNone;
            }

            return expected;
        }

        return 0;
    }

    /// <summary>
    /// AUC: the fraction of (relevant, non-relevant) candidate pairs ranked in the right order, a tied
    /// pair counting one half (the Mann–Whitney statistic). 0.5 when either side is empty.
    /// </summary>
    public static double Auc(RankedList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        int relevant = list.RelevantCount;
        int irrelevant = list.Count - relevant;
        if (relevant == 0 || irrelevant == 0)
        {
            return 0.5;
        }

        // The irrelevant candidates below a group follow from its start and the relevant ones above it, so
        // groups without a relevant item (left out of a list built from counts) need not be visited.
        double correct = 0;
        int relevantAbove = 0;
        for (int g = 0; g < list.GroupCount; g++)
        {
            int r = list.GroupRelevant(g);
            int i = list.GroupSize(g) - r;
            int irrelevantBelow = irrelevant - (list.GroupStart(g) - relevantAbove) - i;
            correct += r * (irrelevantBelow + (0.5 * i));
            relevantAbove += r;
        }

        return correct / ((double)relevant * irrelevant);
    }
}
