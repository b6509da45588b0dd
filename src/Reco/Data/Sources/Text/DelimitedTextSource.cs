using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Reco.Data.Parsing;

namespace Reco.Data.Sources.Text;

/// <summary>
/// Loads interactions from delimited text: CSV and TSV, with or without a header, and MovieLens'
/// <c>::</c> files, read as Python's csv module and pandas read them (see <see cref="RecordSplitter"/>):
/// RFC 4180 quoting for a field that begins with a quote, any other quote an ordinary character. Every
/// line is part of a row or an error that names it. Large files are parsed in parallel, straight from
/// bytes: numeric ids cost no string per row, and the columns are allocated once from a count of the
/// lines. Standard input (<c>-</c>), pipes and gzip files are read through a temporary copy.
/// </summary>
public static class DelimitedTextSource
{
    private const int HeadBytes = 1 << 20;
    private const int MaxColumns = 4096;

    /// <summary>The format a file name suggests: tab-separated for <c>.tsv</c>/<c>.tab</c> (also gzipped), comma-separated otherwise.</summary>
    /// <param name="path">The file.</param>
    /// <returns>CSV or TSV.</returns>
    public static TextFormat FormatFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path).ToLowerInvariant();
        return extension is ".tsv" or ".tab" ? TextFormat.Tsv : TextFormat.Csv;
    }

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The file (plain or gzip-compressed), or <c>-</c> for standard input.</param>
    /// <param name="format">Delimiter, header and encoding; <see langword="null"/> uses <see cref="FormatFor"/>.</param>
    /// <param name="options">Column mapping and row policies; <see langword="null"/> detects the columns and uses the defaults.</param>
    /// <returns>The interactions and the load report.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A row is malformed (and bad rows are not skipped), or a quoted field is never closed; the message names the file, line and column.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read as text, has no usable rows, or a mapped column does not exist.</exception>
    public static LoadResult Load(string path, TextFormat? format = null, LoadOptions? options = null) =>
        Load(path, format, options, TextChunking.Default);

    /// <summary>Loads <paramref name="path"/> cut for parsing as <paramref name="chunking"/> says.</summary>
    internal static LoadResult Load(string path, TextFormat? format, LoadOptions? options, TextChunking chunking)
    {
        ArgumentNullException.ThrowIfNull(path);
        format ??= FormatFor(path);
        options ??= new LoadOptions();
        var clock = Stopwatch.StartNew();
        string name = path == InputFile.StandardInput ? "standard input" : FieldText.PrintablePath(Path.GetFileName(path));
        byte[] delimiter = format.DelimiterBytes();
        using var input = InputFile.Open(path, name);
        SafeFileHandle file = input.Handle;
        long length = input.Length;
        var head = new byte[(int)Math.Min(length, HeadBytes)];
        int headLength = ReadHead(file, head);
        Sniff(name, head.AsSpan(0, headLength));
        var splitter = new RecordSplitter(delimiter);
        var first = FirstRecord(name, head.AsSpan(0, headLength), headLength >= length, splitter, format)
            ?? throw new InvalidDataException($"{name} gives no interactions: it is empty.");

        var names = first.Names;
        long dataStart = format.HasHeader ? Math.Min(length, first.End + 1L) : first.Start;
        long firstDataLine = format.HasHeader ? first.Line + 1 + first.NewlinesInside : first.Line;
        var mapping = options.Columns ?? (format.HasHeader
            ? ColumnMapping.Detect(names) ?? throw new InvalidDataException(
                $"{name}: cannot tell which columns hold users and items (columns: {FieldText.List(names)}); name them with --user-col and --item-col.")
            : ColumnMapping.Positional(names.Count));
        var feedback = options.FeedbackFor(mapping);
        RequireRatingIfExplicit(name, mapping, feedback);
        var policy = options.DuplicatesFor(feedback);

        int userColumn = Resolve(name, names, mapping.User, "user id");
        int itemColumn = Resolve(name, names, mapping.Item, "item id");
        int ratingColumn = mapping.Rating is null ? -1 : Resolve(name, names, mapping.Rating, "rating");
        int timeColumn = mapping.Time is null ? -1 : Resolve(name, names, mapping.Time, "time");
        ColumnMapping.CheckDistinct(name, names, userColumn, itemColumn, ratingColumn, timeColumn);
        var parser = new TextRowParser(name, format, options.TimeUnit, mapping, names.Count, userColumn, itemColumn, ratingColumn, timeColumn);

        var plan = TextChunkPlanner.Plan(file, dataStart, length, firstDataLine, delimiter, chunking);
        var ranges = plan.Ranges;
        var columns = new ColumnSet(
            ranges.Sum(r => (long)r.Capacity),
            ratings: mapping.Rating is not null || policy is DuplicatePolicy.Sum or DuplicatePolicy.Mean,
            times: mapping.Time is not null);
        var chunks = ranges.Select(r => new Chunk(columns, r.RowStart, r.Capacity, options)).ToArray();
        var progress = new ProgressMeter(options.Progress, name, clock, totalBytes: length);
        ParallelChunks.Run(ranges.Length, i => TextRangeParser.Parse(file, ranges[i], delimiter, parser, chunks[i], chunking.BufferBytes, progress), chunking.Parallel);
        if (plan.UnclosedQuote >= 0)
        {
            throw parser.Unclosed(1 + TextChunkPlanner.CountNewlines(file, 0, plan.UnclosedQuote));
        }

        progress.Finish();
        return InteractionsAssembler.Assemble(name, columns, chunks, mapping, options, clock);
    }

    internal static void RequireRatingIfExplicit(string source, ColumnMapping mapping, FeedbackKind feedback)
    {
        if (feedback == FeedbackKind.Explicit && mapping.Rating is null)
        {
            throw new ArgumentException($"{source}: explicit feedback needs a rating column; name one with --rating-col, or load it as implicit feedback.");
        }
    }

    private static int ReadHead(SafeFileHandle file, byte[] head)
    {
        int filled = 0;
        while (filled < head.Length)
        {
            int read = RandomAccess.Read(file, head.AsSpan(filled), filled);
            if (read <= 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Refuses, with a hint, files that are plainly not delimited text.</summary>
    private static void Sniff(string name, ReadOnlySpan<byte> head)
    {
        string? what =
            head.StartsWith("PK\u0003\u0004"u8) ? "a zip archive; unpack it first (gzip files are read as they are)"
            : head.StartsWith("BZh"u8) ? "bzip2-compressed; unpack it first (gzip files are read as they are)"
            : head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) ? "xz-compressed; unpack it first (gzip files are read as they are)"
            : head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]) ? "zstd-compressed; unpack it first (gzip files are read as they are)"
            : head.StartsWith("PAR1"u8) ? "a Parquet file, not delimited text; name it .parquet or pass --format parquet"
            : head.StartsWith("SQLite format 3\0"u8) ? "a SQLite database, not delimited text; load it as sqlite:PATH with --query"
            : null;
        if (what is not null)
        {
            throw new InvalidDataException($"{name} is {what}.");
        }

        if (EndsLinesWithCarriageReturns(head))
        {
            throw new InvalidDataException($"{name} ends its lines with carriage returns alone (classic Mac OS); convert them to line feeds.");
        }

        // UTF-16 without a byte-order mark, or binary data: NUL bytes everywhere.
        var start = head[..Math.Min(head.Length, 4096)];
        if (start.Length >= 16 && start.Count((byte)0) * 4 >= start.Length && !start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) && !start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new InvalidDataException($"{name} is not text: a quarter of its first bytes are NUL (UTF-16 without a byte-order mark, or binary data); save it as UTF-8.");
        }
    }

    /// <summary>No line feed at all, but carriage returns inside the text at least twice: lines ended the classic Mac OS way.</summary>
    internal static bool EndsLinesWithCarriageReturns(ReadOnlySpan<byte> head) =>
        head.IndexOf((byte)'\n') < 0 && head.TrimEnd((byte)'\r').Count((byte)'\r') >= 2;

    /// <summary>The first non-blank record: the header, or the first row of a file without one.</summary>
    private static HeadRecord? FirstRecord(string name, ReadOnlySpan<byte> head, bool whole, RecordSplitter splitter, TextFormat format)
    {
        int start = 0;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new DataFormatException(new BadRow(name, "line", 1, null, "the file is UTF-16 encoded; save it as UTF-8 (or latin1)"));
        }

        var fields = new FieldRef[MaxColumns];
        long line = 1;
        while (start < head.Length)
        {
            var rest = head[start..];
            int newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !whole)
            {
                throw new DataFormatException(new BadRow(name, "line", line, null, $"the line is longer than {HeadBytes:N0} bytes"));
            }

            var text = newline < 0 ? rest : rest[..newline];
            ReadOnlySpan<byte> record;
            int count;
            int end;
            if (text.Contains((byte)'"'))
            {
                var status = splitter.SplitQuoted(rest, whole, resumeInQuotes: false, fields, out count, out end, out int quote);
                if (status == RecordStatus.Incomplete)
                {
                    throw new DataFormatException(new BadRow(name, "line", line, null, $"the first record is longer than {HeadBytes:N0} bytes (is a quoted field never closed?)"));
                }

                if (status == RecordStatus.Unclosed)
                {
                    throw new DataFormatException(new BadRow(name, "line", line + rest[..quote].Count((byte)'\n'), null, "a quoted field starts here and is never closed (a field that begins with a quote must end with one)"));
                }

                record = rest;
            }
            else
            {
                end = newline < 0 ? rest.Length : newline;
                record = text.EndsWith("\r"u8) ? text[..^1] : text;
                if (record.IndexOfAnyExcept(" \t\r"u8) < 0 && record.IndexOf(splitter.Delimiter) < 0)
                {
                    start += end + 1;
                    line++;
                    continue;
                }

                count = splitter.SplitPlain(record, fields);
            }

            if (count > MaxColumns)
            {
                throw new DataFormatException(new BadRow(name, "line", line, null, $"{count:N0} fields; at most {MaxColumns:N0} columns are supported"));
            }

            var names = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                var bytes = splitter.Get(record, fields[i]).Trim(" \t\r"u8);
                names.Add(format.HasHeader
                    ? format.Encoding.TryGetString(bytes) ?? TextDecoding.Latin1.TryGetString(bytes)!
                    : (i + 1).ToString(CultureInfo.InvariantCulture));
            }

            return new HeadRecord(start, start + end, line, rest[..end].Count((byte)'\n'), names);
        }

        return null;
    }

    private static int Resolve(string source, IReadOnlyList<string> names, string column, string role)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == column)
            {
                return i;
            }
        }

        var ignoringCase = Enumerable.Range(0, names.Count).Where(i => string.Equals(names[i], column, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (ignoringCase.Length == 1)
        {
            return ignoringCase[0];
        }

        if (int.TryParse(column, out int position) && position >= 1 && position <= names.Count)
        {
            return position - 1;
        }

        throw new InvalidDataException($"{source} has no column '{FieldText.Printable(column)}' for the {role}; its columns are: {FieldText.List(names)}.");
    }

    /// <summary>The first record: where it starts and ends (its line feed), its line, the line feeds inside it, and the column names.</summary>
    private sealed record HeadRecord(int Start, int End, long Line, int NewlinesInside, List<string> Names);
}
