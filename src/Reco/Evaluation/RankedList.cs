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
    private readonly int[] _groupSize;
    private readonly int[] _groupRelevant;
    private readonly double[] _groupGain;
    private readonly int _count;

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
        _groupSize = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            _groupSize[g] = starts[g + 1] - starts[g];
        }

        _count = n;
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

    /// <summary>
    /// The list from counts alone, without sorting the candidates: only the groups that hold a relevant item,
    /// each with its true start (candidates scored strictly higher) and size (candidates with the same score).
    /// Groups without a relevant item add nothing to any metric here, so every metric is the same, to the bit,
    /// as that of the fully sorted list.
    /// </summary>
    /// <param name="count">Number of candidates.</param>
    /// <param name="groupStart">Per group, best first: candidates scored strictly higher.</param>
    /// <param name="groupSize">Per group: candidates with its score.</param>
    /// <param name="groupRelevant">Per group: its relevant items.</param>
    /// <param name="groupGain">Per group: the sum of its relevant items' gains.</param>
    /// <param name="relevantItems">The relevant items, best first.</param>
    /// <param name="relevantGains">The relevant items' gains, largest first.</param>
    internal RankedList(int count, int[] groupStart, int[] groupSize, int[] groupRelevant, double[] groupGain, int[] relevantItems, double[] relevantGains)
    {
        _count = count;
        _groupStart = groupStart;
        _groupSize = groupSize;
        _groupRelevant = groupRelevant;
        _groupGain = groupGain;
        Items = relevantItems;
        RelevantCount = relevantGains.Length;
        RelevantGains = relevantGains;
    }

    private int GroupOf(int position)
    {
        int g = Array.BinarySearch(_groupStart, position);
        return g >= 0 ? g : ~g - 1;
    }

    /// <summary>
    /// The candidates, best first (tied items in an arbitrary but fixed order); for a list the evaluator built
    /// from counts, only the relevant ones.
    /// </summary>
    public IReadOnlyList<int> Items { get; }

    /// <summary>Number of candidates.</summary>
    public int Count => _count;

    /// <summary>Number of relevant candidates.</summary>
    public int RelevantCount { get; }

    /// <summary>Gains of the relevant candidates, largest first (for the ideal DCG).</summary>
    internal double[] RelevantGains { get; }

    internal int GroupCount => _groupRelevant.Length;

    /// <summary>Zero-based position of the group's first item.</summary>
    internal int GroupStart(int group) => _groupStart[group];

    internal int GroupSize(int group) => _groupSize[group];

    internal int GroupRelevant(int group) => _groupRelevant[group];

    internal double GroupGain(int group) => _groupGain[group];
}
