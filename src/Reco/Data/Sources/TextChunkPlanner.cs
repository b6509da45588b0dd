using Microsoft.Win32.SafeHandles;

namespace Reco.Data.Sources;

/// <summary>
/// Cuts the data part of a text file into ranges of whole lines for parallel parsing, counting each
/// range's lines so every chunk knows where its rows go and which line it starts on. A file with any
/// quote is parsed as one range, since a quoted field may hold a line break.
/// </summary>
internal static class TextChunkPlanner
{
    private const long MinRangeBytes = 8 << 20;
    private const int BufferBytes = 1 << 20;

    public static (TextRange[] Ranges, bool Quoted) Plan(SafeFileHandle file, long begin, long end, long firstLine)
    {
        long size = end - begin;
        int count = (int)Math.Clamp(size / MinRangeBytes, 1, Environment.ProcessorCount * 2L);
        var bounds = new long[count + 1];
        bounds[0] = begin;
        bounds[count] = end;
        for (int i = 1; i < count; i++)
        {
            bounds[i] = Math.Max(bounds[i - 1], NextLineStart(file, begin + (size * i / count), end));
        }

        var newlines = new long[count];
        var quotes = new bool[count];
        Parallel.For(0, count, i => (newlines[i], quotes[i]) = CountLines(file, bounds[i], bounds[i + 1]));

        bool endsWithNewline = size == 0 || LastByte(file, end) == (byte)'\n';
        if (quotes.Any(q => q))
        {
            long lines = newlines.Sum() + (endsWithNewline ? 0 : 1);
            return ([new TextRange(begin, end, firstLine, 0, Capacity(lines))], true);
        }

        var ranges = new TextRange[count];
        long rowStart = 0;
        long line = firstLine;
        for (int i = 0; i < count; i++)
        {
            long lines = newlines[i] + (i == count - 1 && !endsWithNewline ? 1 : 0);
            ranges[i] = new TextRange(bounds[i], bounds[i + 1], line, Capacity(rowStart), Capacity(lines));
            rowStart += lines;
            line += newlines[i];
        }

        Capacity(rowStart);
        return (ranges, false);
    }

    private static int Capacity(long rows) => rows <= Array.MaxLength
        ? (int)rows
        : throw new InvalidDataException($"The file has more than {Array.MaxLength:N0} lines, the most one load can hold.");

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

    private static (long Newlines, bool Quote) CountLines(SafeFileHandle file, long begin, long end)
    {
        var buffer = new byte[BufferBytes];
        long newlines = 0;
        bool quote = false;
        for (long at = begin; at < end;)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0)
            {
                throw new IOException("The file became shorter while it was being read.");
            }

            var data = buffer.AsSpan(0, read);
            newlines += data.Count((byte)'\n');
            quote |= data.Contains((byte)'"');
            at += read;
        }

        return (newlines, quote);
    }

    private static byte LastByte(SafeFileHandle file, long end)
    {
        Span<byte> one = stackalloc byte[1];
        return RandomAccess.Read(file, one, end - 1) == 1 ? one[0] : (byte)0;
    }
}
