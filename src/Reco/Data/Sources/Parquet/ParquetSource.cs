using System.Diagnostics;
using Parquet;
using Parquet.Schema;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.Sources.Parquet;

/// <summary>
/// Loads interactions from a Parquet file (Parquet.Net). Ids may be whole-number or text columns;
/// ratings any numeric column; times Unix seconds, timestamps or ISO-8601 text. Row groups are read
/// in parallel, each into its own place in the output columns. Nulls are bad rows.
/// </summary>
public static class ParquetSource
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <returns>The interactions and the load report.</returns>
    /// <exception cref="DataFormatException">A row is malformed (and bad rows are not skipped); the message names the file, row and column.</exception>
    public static LoadResult Load(string path, LoadOptions? options = null) =>
        LoadAsync(path, options).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load"/>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<LoadResult> LoadAsync(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new LoadOptions();
        var clock = Stopwatch.StartNew();
        string name = FieldText.PrintablePath(Path.GetFileName(path));
        if (path == InputFile.StandardInput)
        {
            throw new ArgumentException("Parquet cannot be read from standard input; save it to a file and name that.");
        }

        InputFile.RequireReadable(path);
        DataField[] fields;
        long[] groupRows;
        var headStream = File.OpenRead(path);
        await using (headStream.ConfigureAwait(false))
        {
            if (!headStream.CanSeek)
            {
                throw new InvalidDataException($"{name} is not a regular file; Parquet is read from a file that can be read at any offset.");
            }

            try
            {
                var reader = await ParquetReader.CreateAsync(headStream, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    fields = reader.Schema.GetDataFields();
                    groupRows = new long[reader.RowGroupCount];
                    for (int g = 0; g < groupRows.Length; g++)
                    {
                        using var group = reader.OpenRowGroupReader(g);
                        groupRows[g] = group.RowCount;
                    }
                }
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw NotReadable(name, headStream.Length, e);
            }
        }

        var names = fields.Select(f => f.Name).ToArray();
        var mapping = options.Columns ?? ColumnMapping.Detect(names) ?? throw new InvalidDataException(
            $"{name}: cannot tell which columns hold users and items (columns: {FieldText.List(names)}); name them with --user-col and --item-col.");
        var feedback = options.FeedbackFor(mapping);
        DelimitedTextSource.RequireRatingIfExplicit(name, mapping, feedback);
        var policy = options.DuplicatesFor(feedback);
        DataField user = Resolve(name, fields, mapping.User, "user id");
        DataField item = Resolve(name, fields, mapping.Item, "item id");
        DataField? rating = mapping.Rating is null ? null : Resolve(name, fields, mapping.Rating, "rating");
        DataField? time = mapping.Time is null ? null : Resolve(name, fields, mapping.Time, "time");
        ColumnMapping.CheckDistinct(name, [.. fields.Select(f => f.Name)], Array.IndexOf(fields, user), Array.IndexOf(fields, item), rating is null ? -1 : Array.IndexOf(fields, rating), time is null ? -1 : Array.IndexOf(fields, time));

        var starts = new long[groupRows.Length + 1];
        for (int g = 0; g < groupRows.Length; g++)
        {
            starts[g + 1] = starts[g] + groupRows[g];
        }

        var columns = new ColumnSet(starts[^1], mapping.Rating is not null || policy is DuplicatePolicy.Sum or DuplicatePolicy.Mean, time is not null);
        // Each chunk reads a run of consecutive row groups with one id table, so ids keep their order
        // of first appearance and a few tables, not one per row group, hold them.
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount * 2, groupRows.Length));
        var bounds = Enumerable.Range(0, workers + 1).Select(w => (int)((long)groupRows.Length * w / workers)).ToArray();
        var chunks = Enumerable.Range(0, workers)
            .Select(w => new Chunk(columns, (int)starts[bounds[w]], (int)(starts[bounds[w + 1]] - starts[bounds[w]]), options))
            .ToArray();
        var progress = new ProgressMeter(options.Progress, name, clock, totalRows: starts[^1]);
        try
        {
            ParallelChunks.Run(workers, w => ReadGroupsAsync(path, bounds[w], bounds[w + 1], starts, chunks[w], name, mapping, user, item, rating, time, options.TimeUnit, progress, cancellationToken).GetAwaiter().GetResult());
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw NotReadable(name, new FileInfo(path).Length, e);
        }

        progress.Finish();
        return InteractionsAssembler.Assemble(name, columns, chunks, mapping, options, clock);
    }

    private static async Task ReadGroupsAsync(
        string path, int firstGroup, int endGroup, long[] starts, Chunk chunk, string name, ColumnMapping mapping,
        DataField user, DataField item, DataField? rating, DataField? time, TimeUnit unit, ProgressMeter progress, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var buffers = new ParquetFastPath.Buffers();
                for (int g = firstGroup; g < endGroup; g++)
                {
                    if (ParquetFastPath.Applies(user, item, rating, time))
                    {
                        using var group = reader.OpenRowGroupReader(g);
                        await ParquetFastPath.ReadAsync(group, starts[g], chunk, name, mapping, user, item, rating, time, unit, buffers, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await ReadGroupAsync(reader, g, starts[g], chunk, name, mapping, user, item, rating, time, unit, cancellationToken).ConfigureAwait(false);
                    }

                    progress.Add(starts[g + 1] - starts[g], 0);
                    GarbageBudget.Check();
                }
            }
        }
    }

    private static async Task ReadGroupAsync(
        ParquetReader reader, int g, long firstRow, Chunk chunk, string name, ColumnMapping mapping,
        DataField userField, DataField itemField, DataField? ratingField, DataField? timeField, TimeUnit unit, CancellationToken cancellationToken)
    {
        using var group = reader.OpenRowGroupReader(g);
        int n = (int)group.RowCount;
        var users = await ParquetColumns.ReadIdsAsync(group, userField, n, cancellationToken).ConfigureAwait(false);
        var items = await ParquetColumns.ReadIdsAsync(group, itemField, n, cancellationToken).ConfigureAwait(false);
        var ratings = ratingField is null ? null : await ParquetColumns.ReadRatingsAsync(group, ratingField, n, cancellationToken).ConfigureAwait(false);
        var times = timeField is null ? null : await ParquetColumns.ReadTimesAsync(group, timeField, n, unit, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < n; i++)
        {
            long row = firstRow + i + 1;
            if (ratings?.Problems?[i] is string ratingProblem)
            {
                chunk.Bad(new BadRow(name, "row", row, mapping.Rating, ratingProblem));
                continue;
            }

            if (times?.Problems?[i] is string timeProblem)
            {
                chunk.Bad(new BadRow(name, "row", row, mapping.Time, timeProblem));
                continue;
            }

            string? userProblem = IdProblem(users, i);
            string? itemProblem = IdProblem(items, i);
            if (userProblem is not null || itemProblem is not null)
            {
                chunk.Bad(new BadRow(name, "row", row, userProblem is not null ? mapping.User : mapping.Item, (userProblem ?? itemProblem)!));
                continue;
            }

            int u = users.Texts is null ? chunk.Users.Number(users.Numbers![i]) : chunk.Users.Text(users.Texts[i].AsSpan().Trim(ValueRules.IdPadding));
            int it = items.Texts is null ? chunk.Items.Number(items.Numbers![i]) : chunk.Items.Text(items.Texts[i].AsSpan().Trim(ValueRules.IdPadding));
            chunk.Add(u, it, ratings is null ? 1f : ratings.Data[i], times is null ? 0 : times.Data[i]);
        }
    }

    private static string? IdProblem(ParquetColumns.Ids ids, int i) => ids.Texts is null
        ? ids.Missing?[i] == true ? "the id is null" : null
        : ids.Texts[i] switch
        {
            null => "the id is null",
            ParquetColumns.InvalidText => "the id is not valid UTF-8",
            string text => ValueRules.IdProblem(text.AsSpan().Trim(ValueRules.IdPadding)),
        };

    /// <summary>
    /// Whether an exception from reading means the file is damaged or not Parquet. Column types are
    /// checked against the schema before reading, so anything but a bad row is the file's fault.
    /// </summary>
    private static bool IsDamage(Exception e) => e is not (DataFormatException or OperationCanceledException or OutOfMemoryException);

    private static InvalidDataException NotReadable(string name, long length, Exception e) => new(
        length == 0 ? $"{name} is empty, not a Parquet file."
        : $"{name} is not a readable Parquet file: it is damaged, cut short or not Parquet at all.",
        e);

    private static DataField Resolve(string source, DataField[] fields, string column, string role)
    {
        var field = fields.FirstOrDefault(f => f.Name == column)
            ?? (fields.Count(f => string.Equals(f.Name, column, StringComparison.OrdinalIgnoreCase)) == 1 ? fields.Single(f => string.Equals(f.Name, column, StringComparison.OrdinalIgnoreCase)) : null)
            ?? throw new InvalidDataException($"{source} has no column '{FieldText.Printable(column)}' for the {role}; its columns are: {FieldText.List(fields.Select(f => f.Name))}.");
        if (field.IsArray)
        {
            throw new InvalidDataException($"{source}: the {role} column '{field.Name}' holds {ParquetColumns.Describe(field)}; each row needs a single value.");
        }

        return ParquetColumns.TypeProblem(field, role) is string problem ? throw new InvalidDataException($"{source}: {problem}") : field;
    }
}
