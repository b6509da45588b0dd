using Microsoft.Win32.SafeHandles;

namespace Reco.Data.Sources.Text;

/// <summary>
/// Cuts the data part of a text file into ranges of whole records for parallel parsing, counting each
/// range's lines so every chunk knows where its rows go and which line it starts on.
/// </summary>
/// <remarks>
/// A quoted field may hold line breaks, so a line start is not always a record start. Each range is
/// first read on its own under both states a line start can have (at a record start, or inside a quoted
/// field), block by block; then, in file order, the real state at each range start picks one of the two
/// readings, which gives the first record start in every range. Parsing from those starts reads every
/// record exactly as one sequential pass would. Blocks and lines without a quote cost only a count of
/// their line feeds.
/// </remarks>
internal static class TextChunkPlanner
{
    /// <summary>Plans the parsing of [<paramref name="begin"/>, <paramref name="end"/>), which starts at a record start on line <paramref name="firstLine"/>.</summary>
    public static TextPlan Plan(SafeFileHandle file, long begin, long end, long firstLine, byte[] delimiter, TextChunking chunking)
    {
        long size = end - begin;
        int count = (int)Math.Clamp(size / Math.Max(1, chunking.RangeBytes), 1, Math.Max(1, chunking.MaxRanges));
        var bounds = new long[count + 1];
        bounds[0] = begin;
        bounds[count] = end;
        for (int i = 1; i < count; i++)
        {
            bounds[i] = Math.Max(bounds[i - 1], NextLineStart(file, begin + (size * i / count), end));
        }

        var scans = new RangeScan[count];
        ParallelChunks.Run(count, i => scans[i] = Scan(file, bounds[i], bounds[i + 1], new RecordSplitter(delimiter), chunking.BlockBytes), chunking.Parallel);

        // The real state at each range start, in file order; each range's first record start under it.
        var starts = new List<(long Position, long Newlines, int Range)>(count);
        bool inQuotes = false;
        long newlines = 0;
        long openRecord = -1;
        long openQuote = -1;
        for (int i = 0; i < count; i++)
        {
            var reading = inQuotes ? scans[i].FromQuotes : scans[i].FromStart;
            if (reading.FirstRecord >= 0 && reading.FirstRecord < bounds[i + 1])
            {
                starts.Add((reading.FirstRecord, newlines + reading.NewlinesBeforeFirst, i));
            }

            if (reading.InQuotes)
            {
                openRecord = reading.OpenRecord >= 0 ? reading.OpenRecord : openRecord;
                openQuote = reading.OpenQuote >= 0 ? reading.OpenQuote : openQuote;
            }

            inQuotes = reading.InQuotes;
            newlines += scans[i].Newlines;
        }

        // A file that ends inside a quoted field: the record that opened it is not parsed, but reported.
        long parseEnd = inQuotes ? openRecord : end;
        bool endsWithNewline = size == 0 || LastByte(file, end) == (byte)'\n';
        var ranges = new TextRange[starts.Count];
        long rowStart = 0;
        for (int k = 0; k < starts.Count; k++)
        {
            var (position, before, range) = starts[k];
            bool last = k == starts.Count - 1;
            long next = last ? parseEnd : starts[k + 1].Position;
            long lines = (last ? newlines : starts[k + 1].Newlines) - before + (last && (!endsWithNewline || inQuotes) ? 1 : 0);
            int lastRange = last ? count - 1 : starts[k + 1].Range;
            bool quoted = false;
            for (int r = range; r <= lastRange; r++)
            {
                quoted |= scans[r].HasQuote;
            }

            ranges[k] = new TextRange(position, Math.Max(position, next), firstLine + before, Capacity(rowStart), Capacity(lines), quoted);
            rowStart += lines;
        }

        Capacity(rowStart);
        return new TextPlan(ranges, inQuotes ? openQuote : -1);
    }

    /// <summary>The line feeds in [<paramref name="begin"/>, <paramref name="end"/>) of the file.</summary>
    public static long CountNewlines(SafeFileHandle file, long begin, long end)
    {
        var buffer = new byte[1 << 20];
        long newlines = 0;
        for (long at = begin; at < end;)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0)
            {
                break;
            }

            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
            at += read;
        }

        return newlines;
    }

    private static int Capacity(long rows) => rows <= Array.MaxLength
        ? (int)rows
        : throw new InvalidDataException($"The file has more than {Array.MaxLength:N0} lines, the most one load can hold.");

    /// <summary>Reads one range block by block (each a run of whole lines), under both possible start states.</summary>
    private static RangeScan Scan(SafeFileHandle file, long begin, long end, RecordSplitter splitter, int blockBytes)
    {
        var fromStart = new Reading(false, begin, 0, -1, -1);
        var fromQuotes = new Reading(true, -1, 0, -1, -1);
        long newlines = 0;
        bool anyQuote = false;
        var buffer = new byte[(int)Math.Clamp(end - begin, 1, Math.Max(1, blockBytes))];
        int filled = 0;
        long position = begin;
        long blockStart = begin;
        while (blockStart < end)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            if (position < end)
            {
                int read = RandomAccess.Read(file, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, end - position)), position);
                if (read <= 0)
                {
                    throw new InvalidDataException("The file became shorter while it was being read.");
                }

                position += read;
                filled += read;
            }

            var data = buffer.AsSpan(0, filled);
            int length = position >= end ? filled : data.LastIndexOf((byte)'\n') + 1;
            if (length == 0)
            {
                continue;
            }

            var block = data[..length];
            bool quote = block.Contains((byte)'"');
            anyQuote |= quote;
            if (quote && fromStart.InQuotes == fromQuotes.InQuotes)
            {
                var outcome = QuoteScan.Simulate(block, fromStart.InQuotes, splitter);
                fromStart = fromStart.After(outcome, blockStart, newlines, block);
                fromQuotes = fromQuotes.After(outcome, blockStart, newlines, block);
            }
            else
            {
                fromStart = fromStart.After(quote ? QuoteScan.Simulate(block, fromStart.InQuotes, splitter) : QuoteScan.Plain(fromStart.InQuotes), blockStart, newlines, block);
                fromQuotes = fromQuotes.After(quote ? QuoteScan.Simulate(block, fromQuotes.InQuotes, splitter) : QuoteScan.Plain(fromQuotes.InQuotes), blockStart, newlines, block);
            }

            newlines += block.Count((byte)'\n');
            blockStart += length;
            data[length..].CopyTo(buffer);
            filled -= length;
        }

        return new RangeScan(newlines, anyQuote, fromStart, fromQuotes);
    }

    private static long NextLineStart(SafeFileHandle file, long from, long end)
    {
        var buffer = new byte[64 << 10];
        while (from < end)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - from)), from);
            if (read <= 0)
            {
                break;
            }

            int newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return from + newline + 1;
            }

            from += read;
        }

        return end;
    }

    private static byte LastByte(SafeFileHandle file, long end)
    {
        Span<byte> one = stackalloc byte[1];
        return RandomAccess.Read(file, one, end - 1) == 1 ? one[0] : (byte)0;
    }

    /// <summary>One range read under both start states.</summary>
    private readonly record struct RangeScan(long Newlines, bool HasQuote, Reading FromStart, Reading FromQuotes);

    /// <summary>
    /// What reading a range under one start state found so far: whether it is inside a quoted field, the
    /// first record start and the line feeds before it, and where the open record and its quote began.
    /// </summary>
    private readonly record struct Reading(bool InQuotes, long FirstRecord, long NewlinesBeforeFirst, long OpenRecord, long OpenQuote)
    {
        public Reading After(BlockOutcome outcome, long blockStart, long newlinesBefore, ReadOnlySpan<byte> block)
        {
            var next = this with { InQuotes = outcome.EndInQuotes };
            if (FirstRecord < 0 && outcome.FirstRecord >= 0)
            {
                next = next with
                {
                    FirstRecord = blockStart + outcome.FirstRecord,
                    NewlinesBeforeFirst = newlinesBefore + block[..outcome.FirstRecord].Count((byte)'\n'),
                };
            }

            // Where the open record and its open quote begin; either may lie before this block (kept, or −1 before the range).
            if (outcome.EndInQuotes && outcome.OpenRecord >= 0)
            {
                next = next with { OpenRecord = blockStart + outcome.OpenRecord };
            }

            return outcome.EndInQuotes && outcome.OpenQuote >= 0 ? next with { OpenQuote = blockStart + outcome.OpenQuote } : next;
        }
    }
}

/// <summary>The ranges to parse, and the opening quote (a byte offset) of a quoted field the file ends in, or −1.</summary>
internal sealed record TextPlan(TextRange[] Ranges, long UnclosedQuote);
