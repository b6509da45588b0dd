namespace Reco.Data.Sources;

/// <summary>Finds repeated (user, item) pairs and merges each into its last row, by <see cref="DuplicatePolicy"/>.</summary>
internal static class DuplicateMerger
{
    /// <summary>Merges duplicates among the first <paramref name="count"/> rows, compacting the columns in order; returns how many rows were merged away.</summary>
    public static int Merge(ColumnSet columns, int count, int userCount, int itemCount, DuplicatePolicy policy)
    {
        var users = columns.Users;
        var items = columns.Items;
        var ratings = columns.Ratings;

        // Each user's rows, ascending: runs of the data itself when it is grouped by user (as most
        // exports are), else a counting sort of the row numbers.
        var (start, rows) = Segments(users, count, userCount);
        int segments = start.Length - 1;
        var drop = new bool[count];
        int merged = 0;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, segments, Math.Max(1024, segments / (Environment.ProcessorCount * 8))),
            () => 0,
            (range, _, local) =>
            {
                // Most users rate an item once: a stamp per item finds that in one pass, and only users
                // with a repeat pay for sorting.
                var seen = new int[itemCount];
                Array.Fill(seen, -1);
                long[] keys = [];
                for (int s = range.Item1; s < range.Item2; s++)
                {
                    int first = start[s];
                    int n = start[s + 1] - first;
                    bool repeat = false;
                    for (int k = 0; k < n && !repeat; k++)
                    {
                        ref int stamp = ref seen[items[rows is null ? first + k : rows[first + k]]];
                        repeat = stamp == s;
                        stamp = s;
                    }

                    if (!repeat)
                    {
                        continue;
                    }

                    if (keys.Length < n)
                    {
                        keys = new long[Math.Max(n, keys.Length * 2)];
                    }

                    var segment = keys.AsSpan(0, n);
                    for (int k = 0; k < n; k++)
                    {
                        int row = rows is null ? first + k : rows[first + k];
                        segment[k] = ((long)items[row] << 32) | (uint)row;
                    }

                    segment.Sort();
                    local += MergeRuns(segment, drop, ratings, policy);
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

    /// <summary>Start of each user's rows (in <c>rows</c>, or in the data itself when <c>rows</c> is null), one segment per user.</summary>
    private static (int[] Start, int[]? Rows) Segments(int[] users, int count, int userCount)
    {
        var runs = new List<int>(userCount + 1);
        var started = new bool[userCount];
        bool grouped = true;
        for (int i = 0; i < count && grouped; i++)
        {
            if (i == 0 || users[i] != users[i - 1])
            {
                grouped = !started[users[i]];
                started[users[i]] = true;
                runs.Add(i);
            }
        }

        if (grouped)
        {
            runs.Add(count);
            return ([.. runs], null);
        }

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

        return (start, rows);
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
