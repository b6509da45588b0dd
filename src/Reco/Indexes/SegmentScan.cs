using System.Runtime.CompilerServices;
using Reco.Numerics;

namespace Reco.Indexes;

/// <summary>
/// The scoring loop shared by the exact and IVF indexes: a batch of queries times segments of items with
/// the GEMM micro-kernels, 64 queries × 1,024 items at a time, each block of scores fed straight into the
/// queries' top-k heaps, so no queries × items buffer ever exists. Segments are spread over threads; each
/// thread keeps its own heaps for the whole batch, merged at the end.
/// </summary>
[SkipLocalsInit]
internal static unsafe class SegmentScan
{
    /// <summary>Queries per product: 64 rows keep a segment block reused from L2.</summary>
    public const int QueryBlock = 64;

    /// <summary>Items per product: a 1,024-item block of 64-d floats is 256 KB.</summary>
    public const int ColumnBlock = 1024;

    /// <summary>Below this many multiply-adds one thread answers faster than several.</summary>
    private const long ParallelWork = 1L << 22;

    /// <summary>
    /// Scores <paramref name="queryCount"/> queries against segments. When <paramref name="probeStart"/> is null
    /// every query visits <paramref name="segments"/>[i] for all i; otherwise segment <paramref name="segments"/>[i]
    /// is visited by queries <c>probeQueries[probeStart[i] .. probeStart[i+1])</c>.
    /// </summary>
    /// <returns>One accumulator per worker; merge with <see cref="TopKAccumulator.Merge"/>.</returns>
    public static List<TopKAccumulator> Run(
        float* queries, int queryCount, SegmentedItems items, int[] segments, int[]? probeStart, int[]? probeQueries,
        int k, QueryRestrictions? restrictions, int[] positionToId)
    {
        long work = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            int visitors = probeStart is null ? queryCount : probeStart[i + 1] - probeStart[i];
            work += (long)visitors * items.Length(segments[i]);
        }

        work *= items.Dimension;
        var parts = new List<TopKAccumulator>();
        nint q = (nint)queries;
        if (work < ParallelWork || Environment.ProcessorCount == 1 || segments.Length == 1)
        {
            var worker = new Worker(queryCount, k, items.Dimension);
            for (int i = 0; i < segments.Length; i++)
            {
                worker.Visit((float*)q, items, segments[i], i, probeStart, probeQueries, queryCount, restrictions, positionToId);
            }

            parts.Add(worker.Heaps);
            return parts;
        }

        Parallel.For(
            0,
            segments.Length,
            () => new Worker(queryCount, k, items.Dimension),
            (i, _, worker) =>
            {
                worker.Visit((float*)q, items, segments[i], i, probeStart, probeQueries, queryCount, restrictions, positionToId);
                return worker;
            },
            worker =>
            {
                lock (parts)
                {
                    parts.Add(worker.Heaps);
                }
            });
        return parts;
    }

    /// <summary>One thread's heaps and scratch buffers.</summary>
    private sealed class Worker
    {
        private readonly float[] _gathered;
        private readonly float[] _scores;
        private readonly int _dimension;

        public Worker(int queryCount, int k, int dimension)
        {
            Heaps = new TopKAccumulator(queryCount, k);
            _dimension = dimension;

            // A block never holds more rows than there are queries: a single query (a server's request) needs 4 KB,
            // not 256 KB, and such small buffers come from the ordinary heap (Visit pins them while it uses them).
            int rows = Math.Min(QueryBlock, queryCount);
            bool pinned = rows == QueryBlock;
            _gathered = GC.AllocateUninitializedArray<float>(rows * dimension, pinned);
            _scores = GC.AllocateUninitializedArray<float>(rows * ColumnBlock, pinned);
        }

        public TopKAccumulator Heaps { get; }

        public void Visit(
            float* queries, SegmentedItems items, int segment, int slot, int[]? probeStart, int[]? probeQueries,
            int queryCount, QueryRestrictions? restrictions, int[] positionToId)
        {
            int d = _dimension;
            int first = items.Start[segment];
            int length = items.Length(segment);
            int visitors = probeStart is null ? queryCount : probeStart[slot + 1] - probeStart[slot];
            int visitorBase = probeStart is null ? 0 : probeStart[slot];
            fixed (float* data = items.Data, gathered = _gathered, scores = _scores)
            {
                float* block = data + ((nint)first * d);
                for (int v0 = 0; v0 < visitors; v0 += QueryBlock)
                {
                    int rows = Math.Min(QueryBlock, visitors - v0);
                    float* a;
                    if (probeQueries is null)
                    {
                        a = queries + ((nint)v0 * d);
                    }
                    else
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            Unsafe.CopyBlockUnaligned(gathered + (r * d), queries + ((nint)probeQueries[visitorBase + v0 + r] * d), (uint)(d * sizeof(float)));
                        }

                        a = gathered;
                    }

                    for (int c0 = 0; c0 < length; c0 += ColumnBlock)
                    {
                        int columns = Math.Min(ColumnBlock, length - c0);
                        Gemm.Run(Gemm.BestPath, rows, columns, d, a, d, 1, block + c0, length, scores, ColumnBlock, accumulate: false);
                        for (int r = 0; r < rows; r++)
                        {
                            int query = probeQueries is null ? v0 + r : probeQueries[visitorBase + v0 + r];
                            Heaps.Offer(query, scores + (r * ColumnBlock), columns, first + c0, restrictions, positionToId);
                        }
                    }
                }
            }
        }
    }
}
