using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Reco.Indexes;

/// <summary>
/// The best k (score, position) pairs of each query in a batch, as one min-heap per query whose root is the
/// weakest kept pair. Rows of scores are offered through a SIMD scan against the query's current threshold
/// (the root's score), so once the heaps are full almost every score costs one vector compare. Ties go to
/// the lower position, which makes the answer independent of the order rows are offered in.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class TopKAccumulator
{
    private readonly int _k;
    private readonly float[] _scores;
    private readonly int[] _positions;
    private readonly int[] _counts;
    private readonly float[] _thresholds;

    public TopKAccumulator(int queries, int k)
    {
        _k = k;
        _scores = new float[queries * k];
        _positions = new int[queries * k];
        _counts = new int[queries];
        _thresholds = new float[queries];
        _thresholds.AsSpan().Fill(float.NegativeInfinity);
    }

    public int K => _k;

    /// <summary>
    /// Offers <paramref name="length"/> scores of query <paramref name="query"/>, the first at <paramref name="position"/>;
    /// <paramref name="positionToId"/> maps positions to item ids for <paramref name="restrictions"/>.
    /// </summary>
    public void Offer(int query, float* row, int length, int position, QueryRestrictions? restrictions, int[] positionToId)
    {
        float threshold = _thresholds[query];
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - 16; i += 16)
            {
                ulong mask = Vector512.GreaterThanOrEqual(Vector512.Load(row + i), Vector512.Create(threshold)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int j = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    threshold = Consider(query, row[i + j], position + i + j, restrictions, positionToId, threshold);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - 8; i += 8)
            {
                uint mask = Vector256.GreaterThanOrEqual(Vector256.Load(row + i), Vector256.Create(threshold)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int j = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    threshold = Consider(query, row[i + j], position + i + j, restrictions, positionToId, threshold);
                }
            }
        }

        for (; i < length; i++)
        {
            if (row[i] >= threshold)
            {
                threshold = Consider(query, row[i], position + i, restrictions, positionToId, threshold);
            }
        }

        _thresholds[query] = threshold;
    }

    /// <summary>Offers one (score, position) pair, already known to be at least the threshold.</summary>
    public void Offer(int query, float score, int position, QueryRestrictions? restrictions, int[] positionToId)
    {
        if (score >= _thresholds[query])
        {
            _thresholds[query] = Consider(query, score, position, restrictions, positionToId, _thresholds[query]);
        }
    }

    /// <summary>
    /// Writes query <paramref name="query"/>'s best results, merged across <paramref name="parts"/>, best first,
    /// as ids; returns how many were written.
    /// </summary>
    public static int Merge(
        IReadOnlyList<TopKAccumulator> parts, int query, int k, int[] positionToId, Span<int> ids, Span<float> scores)
    {
        int total = 0;
        foreach (var part in parts)
        {
            total += part._counts[query];
        }

        Span<long> order = total <= 512 ? stackalloc long[total] : new long[total];
        Span<float> all = total <= 512 ? stackalloc float[total] : new float[total];
        int n = 0;
        foreach (var part in parts)
        {
            int count = part._counts[query];
            int start = query * part._k;
            for (int j = 0; j < count; j++)
            {
                all[n] = part._scores[start + j];
                order[n] = part._positions[start + j];
                n++;
            }
        }

        // Sort by score descending, then position ascending; insertion sort is fine for a few hundred.
        for (int a = 1; a < n; a++)
        {
            float s = all[a];
            long p = order[a];
            int b = a - 1;
            while (b >= 0 && (all[b] < s || (all[b] == s && order[b] > p)))
            {
                all[b + 1] = all[b];
                order[b + 1] = order[b];
                b--;
            }

            all[b + 1] = s;
            order[b + 1] = p;
        }

        int written = Math.Min(n, k);
        for (int j = 0; j < written; j++)
        {
            ids[j] = positionToId[(int)order[j]];
            scores[j] = all[j];
        }

        for (int j = written; j < k; j++)
        {
            ids[j] = -1;
            scores[j] = float.NaN;
        }

        return written;
    }

    /// <summary>Positions kept for <paramref name="query"/> (unordered).</summary>
    public ReadOnlySpan<int> Positions(int query) => _positions.AsSpan(query * _k, _counts[query]);

    private float Consider(int query, float score, int position, QueryRestrictions? restrictions, int[] positionToId, float threshold)
    {
        int start = query * _k;
        int count = _counts[query];
        if (count == _k && !Better(score, position, _scores[start], _positions[start]))
        {
            return threshold;
        }

        if (restrictions is not null && !restrictions.Allows(query, positionToId[position]))
        {
            return threshold;
        }

        var heapScores = _scores.AsSpan(start, _k);
        var heapPositions = _positions.AsSpan(start, _k);
        if (count < _k)
        {
            // Sift up from the end.
            int at = count;
            while (at > 0)
            {
                int parent = (at - 1) >> 1;
                if (!Better(heapScores[parent], heapPositions[parent], score, position))
                {
                    break;
                }

                heapScores[at] = heapScores[parent];
                heapPositions[at] = heapPositions[parent];
                at = parent;
            }

            heapScores[at] = score;
            heapPositions[at] = position;
            _counts[query] = ++count;
            return count == _k ? heapScores[0] : float.NegativeInfinity;
        }

        // Replace the root and sift down.
        int pos = 0;
        while (true)
        {
            int left = (2 * pos) + 1;
            if (left >= _k)
            {
                break;
            }

            int weakest = left;
            int right = left + 1;
            if (right < _k && Better(heapScores[left], heapPositions[left], heapScores[right], heapPositions[right]))
            {
                weakest = right;
            }

            if (!Better(score, position, heapScores[weakest], heapPositions[weakest]))
            {
                break;
            }

            heapScores[pos] = heapScores[weakest];
            heapPositions[pos] = heapPositions[weakest];
            pos = weakest;
        }

        heapScores[pos] = score;
        heapPositions[pos] = position;
        return heapScores[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Better(float s1, int p1, float s2, int p2) => s1 > s2 || (s1 == s2 && p1 < p2);
}
