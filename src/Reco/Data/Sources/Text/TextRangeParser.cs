using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Reco.Data.Sources.Text;

/// <summary>Reads one <see cref="TextRange"/> in buffered blocks and hands each record to the row parser.</summary>
internal static class TextRangeParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Parse(SafeFileHandle file, TextRange range, byte[] delimiter, TextRowParser parser, Chunk chunk, int bufferBytes, ProgressMeter progress)
    {
        var buffer = new byte[(int)Math.Clamp(range.End - range.Begin, 1, Math.Max(1, bufferBytes))];
        var splitter = new RecordSplitter(delimiter);
        Span<FieldRef> fields = stackalloc FieldRef[parser.FieldsNeeded];
        long position = range.Begin;
        long line = range.FirstLine;
        int filled = 0;
        long reported = 0;
        while (position < range.End || filled > 0)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read = position < range.End
                ? RandomAccess.Read(file, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, range.End - position)), position)
                : 0;
            if (read <= 0 && position < range.End)
            {
                throw new InvalidDataException($"{parser.Source} became shorter while it was being read.");
            }

            position += read;
            filled += read;
            bool last = position >= range.End;
            var data = buffer.AsSpan(0, filled);
            int consumed = 0;
            int nextQuote = range.Quoted ? -1 : int.MaxValue; // where in the buffer the next quote is; −1 to look again
            while (consumed < filled)
            {
                var rest = data[consumed..];
                int end = rest.IndexOf((byte)'\n');
                if (end < 0 && !last)
                {
                    break;
                }

                var text = end < 0 ? rest : rest[..end];
                if (nextQuote < consumed)
                {
                    int quote = rest.IndexOf((byte)'"');
                    nextQuote = quote < 0 ? int.MaxValue : consumed + quote;
                }

                // Lines before the next quote are records of plain fields.
                if (nextQuote < consumed + text.Length)
                {
                    var status = splitter.SplitQuoted(rest, last, resumeInQuotes: false, fields, out int count, out end, out _);
                    if (status == RecordStatus.Incomplete)
                    {
                        break;
                    }

                    if (status == RecordStatus.Unclosed)
                    {
                        // The planner ends the ranges before such a record; this guards against a file that changed.
                        throw parser.Unclosed(line);
                    }

                    parser.Parse(rest, fields, count, line, chunk, splitter);
                    line += 1 + rest[..end].Count((byte)'\n');
                }
                else
                {
                    if (!text.IsEmpty && text[^1] == (byte)'\r')
                    {
                        text = text[..^1];
                    }

                    // A blank line (spaces, tabs and carriage returns at most, no delimiter) is no row.
                    if (text.IndexOfAnyExcept(" \t\r"u8) >= 0 || text.IndexOf(delimiter) >= 0)
                    {
                        int count = splitter.SplitPlain(text, fields);
                        parser.Parse(text, fields, count, line, chunk, splitter);
                    }

                    line++;
                    if (end < 0)
                    {
                        end = rest.Length;
                    }
                }

                consumed += Math.Min(end + 1, rest.Length);
            }

            data[consumed..].CopyTo(buffer);
            filled -= consumed;
            if (last && filled > 0)
            {
                throw new InvalidOperationException("A text range ended inside a record.");
            }

            progress.Add(chunk.RowsRead - reported, consumed);
            reported = chunk.RowsRead;
        }
    }
}
