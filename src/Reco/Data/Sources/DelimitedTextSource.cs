using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Reco.Data.Sources;

/// <summary>
/// Loads interactions from delimited text: CSV and TSV (RFC 4180 quoting), with or without a header,
/// and MovieLens' <c>::</c> files. Large files are parsed in parallel, straight from bytes: numeric ids
/// cost no string per row, and the columns are allocated once from a count of the lines.
/// </summary>
public static class DelimitedTextSource
{
    private const int HeadBytes = 1 << 20;
    private const int MaxColumns = 4096;

    /// <summary>The format a file name suggests: tab-separated for <c>.tsv</c>/<c>.tab</c>, comma-separated otherwise.</summary>
    /// <param name="path">The file.</param>
    /// <returns>CSV or TSV.</returns>
    public static TextFormat FormatFor(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".tab" ? TextFormat.Tsv : TextFormat.Csv;

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Delimiter, header and encoding; <see langword="null"/> uses <see cref="FormatFor"/>.</param>
    /// <param name="options">Column mapping and row policies; <see langword="null"/> detects the columns and uses the defaults.</param>
    /// <returns>The interactions and the load report.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A row is malformed (and bad rows are not skipped); the message names the file, line and column.</exception>
    /// <exception cref="InvalidDataException">The file has no usable rows, or a mapped column does not exist.</exception>
    public static LoadResult Load(string path, TextFormat? format = null, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        format ??= FormatFor(path);
        options ??= new LoadOptions();
        var clock = Stopwatch.StartNew();
        string name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        }

        byte[] delimiter = format.DelimiterBytes();
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(file);
        var head = new byte[(int)Math.Min(length, HeadBytes)];
        int headLength = RandomAccess.Read(file, head, 0);
        var first = FirstLine(name, head.AsSpan(0, headLength), length);
        if (first is null)
        {
            throw new InvalidDataException($"{name} gives no interactions: it is empty.");
        }

        var (lineStart, lineEnd, lineNumber) = first.Value;
        var names = ColumnNames(name, head.AsSpan(lineStart, lineEnd - lineStart), delimiter, format, lineNumber);
        long dataStart = format.HasHeader ? Math.Min(length, lineEnd + 1L) : lineStart;
        long firstDataLine = format.HasHeader ? lineNumber + 1 : lineNumber;

        var mapping = options.Columns ?? (format.HasHeader
            ? ColumnMapping.Detect(names) ?? throw new InvalidDataException(
                $"{name}: cannot tell which columns hold users and items (columns: {string.Join(", ", names)}); name them with --user-col and --item-col.")
            : ColumnMapping.Positional(names.Count));
        var feedback = options.FeedbackFor(mapping);
        RequireRatingIfExplicit(name, mapping, feedback);
        var policy = options.DuplicatesFor(feedback);

        var parser = new TextRowParser(
            name,
            delimiter,
            format.Encoding,
            mapping,
            Resolve(name, names, mapping.User, "user id"),
            Resolve(name, names, mapping.Item, "item id"),
            mapping.Rating is null ? -1 : Resolve(name, names, mapping.Rating, "rating"),
            mapping.Time is null ? -1 : Resolve(name, names, mapping.Time, "time"));

        var (ranges, quoted) = TextChunkPlanner.Plan(file, dataStart, length, firstDataLine);
        var columns = new ColumnSet(
            ranges.Sum(r => (long)r.Capacity),
            ratings: mapping.Rating is not null || policy is DuplicatePolicy.Sum or DuplicatePolicy.Mean,
            times: mapping.Time is not null);
        var chunks = ranges.Select(r => new Chunk(columns, r.RowStart, r.Capacity, options)).ToArray();
        ParallelChunks.Run(ranges.Length, i => TextRangeParser.Parse(file, ranges[i], quoted, delimiter, parser, chunks[i]));
        return InteractionsAssembler.Assemble(name, columns, chunks, mapping, options, clock);
    }

    internal static void RequireRatingIfExplicit(string source, ColumnMapping mapping, FeedbackKind feedback)
    {
        if (feedback == FeedbackKind.Explicit && mapping.Rating is null)
        {
            throw new ArgumentException($"{source}: explicit feedback needs a rating column; name one with --rating-col, or load it as implicit feedback.");
        }
    }

    private static (int Start, int End, long Line)? FirstLine(string name, ReadOnlySpan<byte> head, long length)
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

        long line = 1;
        while (start < head.Length)
        {
            int newline = head[start..].IndexOf((byte)'\n');
            if (newline < 0 && head.Length < length)
            {
                throw new DataFormatException(new BadRow(name, "line", line, null, $"the line is longer than {HeadBytes:N0} bytes"));
            }

            int end = newline < 0 ? head.Length : start + newline;
            var text = head[start..end];
            if (text.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return (start, text.EndsWith("\r"u8) ? end - 1 : end, line);
            }

            start = end + 1;
            line++;
        }

        return null;
    }

    private static List<string> ColumnNames(string name, ReadOnlySpan<byte> line, byte[] delimiter, TextFormat format, long lineNumber)
    {
        var splitter = new RecordSplitter(delimiter);
        Span<FieldRef> fields = new FieldRef[MaxColumns];
        int count = splitter.Split(line, fields);
        if (count < 0)
        {
            throw new DataFormatException(new BadRow(name, "line", lineNumber, null, "a quoted field is not closed"));
        }

        var names = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var bytes = splitter.Get(line, fields[i]).Trim(" \t"u8);
            names.Add(format.HasHeader
                ? format.Encoding.TryGetString(bytes) ?? TextDecoding.Latin1.TryGetString(bytes)!
                : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return names;
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

        throw new InvalidDataException($"{source} has no column '{column}' for the {role}; its columns are: {string.Join(", ", names)}.");
    }
}
