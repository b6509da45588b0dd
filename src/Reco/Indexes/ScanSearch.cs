namespace Reco.Indexes;

/// <summary>The search driver of the segment-scanning indexes: passes over the queries, then a merge per query.</summary>
internal static unsafe class ScanSearch
{
    /// <summary>Segments visited by a pass: all of them, or per-query probes.</summary>
    public delegate (int[] Segments, int[]? ProbeStart, int[]? ProbeQueries) Plan(float* queries, int count);

    public static void Run(
        IVectorIndex index, SegmentedItems items, int[] positionToId, Plan plan,
        ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found, SearchOptions? options,
        int maxPass = int.MaxValue)
    {
        int count = IndexInput.Search(index, queries, k, ids, scores, found);
        int d = index.Dimension;
        int pass = Math.Min(maxPass, IndexInput.PassSize(k));
        fixed (float* q = queries)
        {
            for (int q0 = 0; q0 < count; q0 += pass)
            {
                int passCount = Math.Min(pass, count - q0);
                var restrictions = QueryRestrictions.Resolve(options, q0, passCount);
                float* passQueries = q + ((nint)q0 * d);
                var (segments, probeStart, probeQueries) = plan(passQueries, passCount);
                var parts = SegmentScan.Run(passQueries, passCount, items, segments, probeStart, probeQueries, k, restrictions, positionToId);
                for (int r = 0; r < passCount; r++)
                {
                    int at = (q0 + r) * k;
                    found[q0 + r] = TopKAccumulator.Merge(parts, r, k, positionToId, ids.Slice(at, k), scores.Slice(at, k));
                }
            }
        }
    }
}
