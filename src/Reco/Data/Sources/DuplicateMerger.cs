using System.Buffers;

namespace Reco.Data.Sources;

/// <summary>Finds repeated (user, item) pairs and merges each into its last row, by <see cref="DuplicatePolicy"/>.</summary>
internal static class DuplicateMerger
{
    /// <summary>Merges duplicates among the first <paramref name="count"/> rows, compacting the columns in order; returns how many rows were merged away.</summary>
    public static int Merge(ColumnSet columns, int count, int userCount, DuplicatePolicy policy)
    {
        var users = columns.Users;
        var items = columns.Items;
        var ratings = columns.Ratings;

        // Rows grouped by user (counting sort, rows ascending within a user).
        var start = new int[userCount + 1];
        for (int i = 0; i < count; i++)
        {
            start[users[i] + 1]++;
        }

        for (int u = 0; u < userCount; u++)
        {
            start[u + 1] += start[u];
        }

        var rows = new int[count];
        var fill = (int[])start.Clone();
        for (int i = 0; i < count; i++)
        {
            rows[fill[users[i]]++] = i;
        }

        fill = null;
        var drop = new bool[count];
        int merged = 0;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, userCount, Math.Max(1024, userCount / (Environment.ProcessorCount * 8))),
            () => 0,
            (range, _, local) =>
            {
                long[] keys = [];
                for (int u = range.Item1; u < range.Item2; u++)
                {
                    int n = start[u + 1] - start[u];
                    if (n < 2)
                    {
                        continue;
                    }

                    if (keys.Length < n)
                    {
                        ArrayPool<long>.Shared.Return(keys.Length > 0 ? keys : ArrayPool<long>.Shared.Rent(1));
                        keys = ArrayPool<long>.Shared.Rent(n);
                    }

                    var segment = keys.AsSpan(0, n);
                    var userRows = rows.AsSpan(start[u], n);
                    for (int k = 0; k < n; k++)
                    {
                        segment[k] = ((long)items[userRows[k]] << 32) | (uint)userRows[k];
                    }

                    segment.Sort();
                    local += MergeRuns(segment, drop, ratings, policy);
                }

                if (keys.Length > 0)
                {
                    ArrayPool<long>.Shared.Return(keys);
                }

                return local;
            },
            local => Interlocked.Add(ref merged, local));

        if (merged > 0)
        {
            // Close the gaps run by run, in order.
            int write = 0;
            int i = 0;
            while (i < count)
            {
                if (drop[i])
                {
                    i++;
                    continue;
                }

                int run = i;
                while (i < count && !drop[i])
                {
                    i++;
                }

                columns.Move(run, write, i - run);
                write += i - run;
            }
        }

        return merged;
    }

    /// <summary>Within one user's rows sorted by (item, row), keeps the last row of each item and marks the others dropped.</summary>
    private static int MergeRuns(ReadOnlySpan<long> sorted, bool[] drop, float[]? ratings, DuplicatePolicy policy)
    {
        int merged = 0;
        int runStart = 0;
        for (int k = 1; k <= sorted.Length; k++)
        {
            if (k < sorted.Length && (sorted[k] >> 32) == (sorted[runStart] >> 32))
            {
                continue;
            }

            int runLength = k - runStart;
            if (runLength > 1)
            {
                int last = (int)(uint)sorted[k - 1];
                double sum = 0;
                for (int j = runStart; j < k; j++)
                {
                    int row = (int)(uint)sorted[j];
                    sum += ratings is null ? 1 : ratings[row];
                    if (row != last)
                    {
                        drop[row] = true;
                    }
                }

                if (ratings is not null && policy != DuplicatePolicy.KeepLast)
                {
                    ratings[last] = (float)(policy == DuplicatePolicy.Mean ? sum / runLength : sum);
                }

                merged += runLength - 1;
            }

            runStart = k;
        }

        return merged;
    }
}
