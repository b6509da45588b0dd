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
        var starts = new List<int>();
        var relevant = new List<int>();
        var gains = new List<double>();
        for (int i = 0; i < n;)
        {
            int j = i;
            int r = 0;
            double g = 0;
            while (j < n && keys[j] == keys[i])
            {
                if (relevance.TryGetValue(items[j], out double gain))
                {
                    r++;
                    g += gain;
                }

                j++;
            }

            starts.Add(i);
            relevant.Add(r);
            gains.Add(g);
            i = j;
        }

        starts.Add(n);
        _groupStart = [.. starts];
        _groupRelevant = [.. relevant];
        _groupGain = [.. gains];
        RelevantCount = relevant.Sum();
        RelevantGains = [.. relevance.Where(kv => Array.IndexOf(items, kv.Key) >= 0).Select(kv => kv.Value).OrderDescending()];
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
