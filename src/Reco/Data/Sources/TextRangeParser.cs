using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Reco.Data.Sources;

/// <summary>Reads one <see cref="TextRange"/> in buffered blocks and hands each record to the row parser.</summary>
internal static class TextRangeParser
{
    private const int BufferBytes = 4 << 20;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Parse(SafeFileHandle file, TextRange range, bool quoted, byte[] delimiter, TextRowParser parser, Chunk chunk)
    {
        var buffer = new byte[(int)Math.Min(BufferBytes, Math.Max(1024, range.End - range.Begin))];
        var splitter = new RecordSplitter(delimiter);
        Span<FieldRef> fields = stackalloc FieldRef[parser.FieldsNeeded];
        long position = range.Begin;
        long line = range.FirstLine;
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read = position < range.End
                ? RandomAccess.Read(file, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, range.End - position)), position)
                : 0;
            position += read;
            filled += read;
            bool last = position >= range.End || read == 0;
            var data = buffer.AsSpan(0, filled);
            int consumed = 0;
            while (consumed < filled)
            {
                var rest = data[consumed..];
                int newlinesInside = 0;
                int end = quoted ? QuotedRecordEnd(rest, out newlinesInside) : rest.IndexOf((byte)'\n');
                if (end < 0)
                {
                    if (!last)
                    {
                        break;
                    }

                    end = rest.Length;
                }

                var record = rest[..end];
                if (!record.IsEmpty && record[^1] == (byte)'\r')
                {
                    record = record[..^1];
                }

                if (!record.IsEmpty && record.IndexOfAnyExcept(" \t"u8) >= 0)
                {
                    parser.Parse(record, line, chunk, splitter, fields);
                }

                line += 1 + newlinesInside;
                consumed += Math.Min(end + 1, rest.Length);
            }

            if (last)
            {
                return;
            }

            data[consumed..].CopyTo(buffer);
            filled -= consumed;
        }
    }

    /// <summary>The index of the newline that ends the first record (outside quotes), or −1 when the record continues past the data.</summary>
    private static int QuotedRecordEnd(ReadOnlySpan<byte> data, out int newlinesInside)
    {
        newlinesInside = 0;
        bool inQuotes = false;
        int i = 0;
        while (i < data.Length)
        {
            int next = data[i..].IndexOfAny((byte)'\n', (byte)'"');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (data[i] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (inQuotes)
            {
                newlinesInside++;
            }
            else
            {
                return i;
            }

            i++;
        }

        return -1;
    }
}
