using System.Diagnostics;

namespace Reco.Data.Sources;

/// <summary>Turns parsed chunks into <see cref="Interactions"/>: merges ids, closes gaps, applies the duplicate policy, writes the report.</summary>
internal static class InteractionsAssembler
{
    public static LoadResult Assemble(string source, ColumnSet columns, IReadOnlyList<Chunk> chunks, ColumnMapping mapping, LoadOptions options, Stopwatch clock)
    {
        var users = new IdMap();
        var items = options.KnownItems ?? new IdMap();
        var userMaps = new int[chunks.Count][];
        var itemMaps = new int[chunks.Count][];
        for (int c = 0; c < chunks.Count; c++)
        {
            userMaps[c] = chunks[c].Users.MergeInto(users);
            itemMaps[c] = chunks[c].Items.MergeInto(items);
        }

        Parallel.For(0, chunks.Count, c =>
        {
            var u = columns.Users.AsSpan(chunks[c].Start, chunks[c].Count);
            var it = columns.Items.AsSpan(chunks[c].Start, chunks[c].Count);
            int[] userMap = userMaps[c];
            int[] itemMap = itemMaps[c];
            for (int i = 0; i < u.Length; i++)
            {
                u[i] = userMap[u[i]];
                it[i] = itemMap[it[i]];
            }
        });

        int count = 0;
        foreach (var chunk in chunks)
        {
            columns.Move(chunk.Start, count, chunk.Count);
            count += chunk.Count;
        }

        var feedback = options.FeedbackFor(mapping);
        var policy = options.DuplicatesFor(feedback);
        long read = chunks.Sum(c => c.RowsRead);
        long skipped = chunks.Sum(c => c.Skipped);
        long below = chunks.Sum(c => c.BelowThreshold);
        if (count == 0)
        {
            string why = read == 0 ? "it has no data rows"
                : $"all {read:N0} rows were left out ({skipped:N0} malformed, {below:N0} below the minimum rating)";
            throw new InvalidDataException($"{source} gives no interactions: {why}.");
        }

        int merged = policy == DuplicatePolicy.KeepAll ? 0 : DuplicateMerger.Merge(columns, count, users.Count, items.Count, policy);
        count -= merged;
        columns.Truncate(count);
        if (policy == DuplicatePolicy.Sum && columns.Ratings is { } sums)
        {
            // Each rating was finite, but a sum of many large ones can overflow a float.
            int bad = Array.FindIndex(sums, r => !float.IsFinite(r));
            if (bad >= 0)
            {
                throw new InvalidDataException($"{source}: the ratings of user '{users[columns.Users[bad]]}' and item '{items[columns.Items[bad]]}' add up to more than a rating can hold; merge repeated rows with another policy (keep-last, mean) or check those rows.");
            }
        }

        var interactions = new Interactions(users, items, columns.Users, columns.Items, columns.Ratings, columns.Times);
        var report = new LoadReport
        {
            Source = source,
            RowsRead = read,
            RowsKept = count,
            RowsSkipped = skipped,
            RowsBelowThreshold = below,
            DuplicatesMerged = merged,
            Duplicates = policy,
            Feedback = feedback,
            Columns = mapping,
            BadRowExamples = chunks.SelectMany(c => c.Examples).Take(options.MaxBadRowExamples).ToArray(),
            Seconds = clock.Elapsed.TotalSeconds,
        };
        return new LoadResult(interactions, report);
    }
}
