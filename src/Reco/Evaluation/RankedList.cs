namespace Reco.Evaluation;

/// <summary>
/// One user's candidates ranked by score, with the ties kept as groups. Every top-k metric is computed
/// as its expected value when tied items are put in a uniformly random order (McSherry and Najork,
/// "Computing Information Retrieval Performance Measures Efficiently in the Presence of Tied Scores",
/// ECIR 2008), so that a model that gives many items the same score (a popularity count, say) is
/// neither flattered nor punished by an arbitrary tie-break, and every metric is invariant under a
/// relabelling of the items. Without ties each reduces to its usual definition.
/// </summary>
public sealed class RankedList
{
    private readonly int[] _groupStart;
    private readonly int[] _groupRelevant;
    private readonly double[] _groupGain;

    /// <summary>Ranks <paramref name="candidates"/> by <paramref name="scores"/> (higher first).</summary>
    /// <param name="candidates">The items competing for this user (seen items already removed).</param>
    /// <param name="scores">A score per item index (indexed by item, not by candidate position).</param>
    /// <param name="relevance">The relevant items and their gain (1 for binary relevance, or a graded gain).</param>
    public RankedList(ReadOnlySpan<int> candidates, ReadOnlySpan<float> scores, IReadOnlyDictionary<int, double> relevance)
    {
        ArgumentNullException.ThrowIfNull(relevance);
        int n = candidates.Length;
        var keys = new float[n];
        var items = candidates.ToArray();
        for (int i = 0; i < n; i++)
        {
            keys[i] = -scores[items[i]];
        }

        Array.Sort(keys, items);
        Items = items;

        // Group boundaries: one pass over the sorted keys.
        var starts = new int[n + 1];
        int groups = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                starts[groups++] = i;
            }
        }

        starts[groups] = n;
        _groupStart = starts[..(groups + 1)];
        _groupRelevant = new int[groups];
        _groupGain = new double[groups];

        // Place each relevant item in its group by binary search on its score.
        var gains = new List<double>(relevance.Count);
        foreach (var (item, gain) in relevance)
        {
            if ((uint)item >= (uint)scores.Length)
            {
                continue;
            }

            int at = Array.BinarySearch(keys, -scores[item]);
            if (at < 0)
            {
                continue;
            }

            // The item must be a candidate: look for it among the equal keys.
            int group = GroupOf(at);
            bool found = false;
            for (int p = _groupStart[group]; p < _groupStart[group + 1]; p++)
            {
                if (items[p] == item)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                continue;
            }

            _groupRelevant[group]++;
            _groupGain[group] += gain;
            gains.Add(gain);
        }

        RelevantCount = gains.Count;
        gains.Sort((a, b) => b.CompareTo(a));
        RelevantGains = [.. gains];
    }

    private int GroupOf(int position)
    {
        int g = Array.BinarySearch(_groupStart, position);
        return g >= 0 ? g : ~g - 1;
    }

    /// <summary>The candidates, best first (tied items in an arbitrary but fixed order).</summary>
    public IReadOnlyList<int> Items { get; }

    /// <summary>Number of candidates.</summary>
    public int Count => Items.Count;

    /// <summary>Number of relevant candidates.</summary>
    public int RelevantCount { get; }

    /// <summary>Gains of the relevant candidates, largest first (for the ideal DCG).</summary>
    internal double[] RelevantGains { get; }

    internal int GroupCount => _groupRelevant.Length;

    /// <summary>Zero-based position of the group's first item.</summary>
    internal int GroupStart(int group) => _groupStart[group];

    internal int GroupSize(int group) => _groupStart[group + 1] - _groupStart[group];

    internal int GroupRelevant(int group) => _groupRelevant[group];

    internal double GroupGain(int group) => _groupGain[group];
}
