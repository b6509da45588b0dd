using System.Globalization;
using System.Text;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>
/// An independent, sequential, byte-at-a-time reader of delimited text with the semantics Python's csv
/// module and pandas use, and the row rules of the library's text source, written for clarity rather
/// than speed: the oracle the parallel parser is checked against (by the property tests and the fuzzer).
/// </summary>
/// <remarks>
/// Records: a field that begins with <c>"</c> is quoted until a quote that is not doubled; text after
/// the closing quote belongs to the field; a quote anywhere else is a plain character. A record ends at a
/// line feed outside quotes; a carriage return just before that line feed is dropped. A leading UTF-8
/// byte-order mark is skipped. A record of one unquoted field of spaces, tabs and carriage returns at most
/// is blank and skipped. A file
/// that ends inside a quoted field is an error on the line of its opening quote.
/// A first record (the header, or the first row without one) of more than 4,096 fields is an error on its line.
/// Rows: more fields than the header (or than the first row, without a header) is an error; fewer than
/// the mapped columns need is an error; values are trimmed of spaces, tabs and carriage returns; the
/// rating is a finite single-precision number; a time is a whole number of seconds from 1970 to the
/// year 5000, or ISO-8601 text in that span; an id is non-empty, valid UTF-8 and free of control characters.
/// </remarks>
internal static class ReferenceCsv
{
    /// <summary>The most columns the library reads.</summary>
    public const int MaxColumns = 4096;

    private static readonly long EndSeconds = new DateTimeOffset(5000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>One raw record: its fields and the line it starts on, or the line of a quote never closed.</summary>
    public sealed record Record(long Line, List<byte[]> Fields, bool Blank, long? UnclosedQuoteLine);

    /// <summary>A good row.</summary>
    public sealed record Row(long Line, string User, string Item, float Rating, long Time);

    /// <summary>What reading a file gives: good rows, bad rows (line and column, null for the row as a whole), a fatal error line, and the column names.</summary>
    public sealed record Result(List<Row> Rows, List<(long Line, string? Column)> Bad, long? FatalLine, string? FatalWhat, List<string>? Names)
    {
        public long RowsRead => Rows.Count + Bad.Count;
    }

    /// <summary>Splits <paramref name="data"/> into records.</summary>
    public static IEnumerable<Record> Records(byte[] data, byte[] delimiter)
    {
        int i = data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        long line = 1;
        while (i < data.Length)
        {
            long start = line;
            var fields = new List<byte[]>();
            var field = new List<byte>();
            bool anyQuoted = false;
            int plainFrom = 0; // where the unquoted part of the current field starts in 'field'
            const int StartField = 0, Plain = 1, Quoted = 2;
            int state = StartField;
            long? unclosed = null;
            long quoteLine = 0;
            bool ended = false;
            while (!ended)
            {
                if (i >= data.Length)
                {
                    if (state == Quoted)
                    {
                        unclosed = quoteLine;
                    }
                    else
                    {
                        DropCarriageReturn(field, plainFrom);
                        fields.Add([.. field]);
                    }

                    ended = true;
                    break;
                }

                byte b = data[i];
                if (state == StartField && b == (byte)'"')
                {
                    state = Quoted;
                    anyQuoted = true;
                    quoteLine = line;
                    i++;
                    continue;
                }

                if (state == Quoted)
                {
                    if (b == (byte)'"')
                    {
                        if (i + 1 < data.Length && data[i + 1] == (byte)'"')
                        {
                            field.Add((byte)'"');
                            i += 2;
                            continue;
                        }

                        state = Plain;
                        plainFrom = field.Count;
                        i++;
                        continue;
                    }

                    if (b == (byte)'\n')
                    {
                        line++;
                    }

                    field.Add(b);
                    i++;
                    continue;
                }

                // Outside quotes (at a field start that is not a quote, or in the rest of a field).
                if (StartsWith(data, i, delimiter))
                {
                    fields.Add([.. field]);
                    field.Clear();
                    plainFrom = 0;
                    state = StartField;
                    i += delimiter.Length;
                    continue;
                }

                if (b == (byte)'\n')
                {
                    DropCarriageReturn(field, plainFrom);
                    fields.Add([.. field]);
                    line++;
                    i++;
                    ended = true;
                    break;
                }

                state = Plain;
                field.Add(b);
                i++;
            }

            bool blank = !anyQuoted && fields.Count == 1 && fields[0].All(c => c is (byte)' ' or (byte)'\t' or (byte)'\r');
            yield return new Record(start, fields, blank, unclosed);
            if (unclosed is not null)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads a file as the library's text source should, with the mapped column positions (−1 for none).</summary>
    public static Result Read(byte[] data, byte[] delimiter, bool header, int user, int item, int rating, int time)
    {
        var rows = new List<Row>();
        var bad = new List<(long, string?)>();
        List<string>? names = null;
        int columns = -1;
        int needed = Math.Max(Math.Max(user, item), Math.Max(rating, time)) + 1;
        foreach (var record in Records(data, delimiter))
        {
            if (record.UnclosedQuoteLine is long quote)
            {
                return new Result(rows, bad, quote, "unclosed", names);
            }

            if (record.Blank)
            {
                continue;
            }

            if (columns < 0)
            {
                columns = record.Fields.Count;
                names = record.Fields.Select(f => Encoding.UTF8.GetString(Trim(f))).ToList();
                if (columns > MaxColumns)
                {
                    // The library's limit: the file is refused on the line of its first record.
                    return new Result(rows, bad, record.Line, "too-wide", names);
                }

                if (columns < needed)
                {
                    // The mapped columns do not exist: the whole file is refused.
                    return new Result(rows, bad, record.Line, "columns", names);
                }

                if (header)
                {
                    continue;
                }
            }

            var fields = record.Fields;
            if (fields.Count > columns || fields.Count < needed)
            {
                bad.Add((record.Line, null));
                continue;
            }

            if (!TryRating(Trim(fields[rating]), out float value))
            {
                bad.Add((record.Line, "rating"));
                continue;
            }

            long seconds = 0;
            if (time >= 0 && !TryTime(Trim(fields[time]), out seconds))
            {
                bad.Add((record.Line, "time"));
                continue;
            }

            string? u = Id(Trim(fields[user]));
            if (u is null)
            {
                bad.Add((record.Line, "user"));
                continue;
            }

            string? it = Id(Trim(fields[item]));
            if (it is null)
            {
                bad.Add((record.Line, "item"));
                continue;
            }

            rows.Add(new Row(record.Line, u, it, value, seconds));
        }

        return new Result(rows, bad, null, null, names);
    }

    private static bool StartsWith(byte[] data, int at, byte[] delimiter)
    {
        if (at + delimiter.Length > data.Length)
        {
            return false;
        }

        for (int k = 0; k < delimiter.Length; k++)
        {
            if (data[at + k] != delimiter[k])
            {
                return false;
            }
        }

        return true;
    }

    private static void DropCarriageReturn(List<byte> field, int plainFrom)
    {
        if (field.Count > plainFrom && field[^1] == (byte)'\r')
        {
            field.RemoveAt(field.Count - 1);
        }
    }

    private static byte[] Trim(byte[] field)
    {
        int a = 0;
        int b = field.Length;
        while (a < b && field[a] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            a++;
        }

        while (b > a && field[b - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            b--;
        }

        return field[a..b];
    }

    private static bool TryRating(byte[] field, out float value)
    {
        value = 0;
        return field.Length > 0 && field.All(c => c < 128)
            && float.TryParse(Encoding.ASCII.GetString(field), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    private static bool TryTime(byte[] field, out long seconds)
    {
        seconds = 0;
        if (field.Any(c => c >= 128))
        {
            return false;
        }

        string text = Encoding.ASCII.GetString(field);
        if (long.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out seconds))
        {
            return seconds >= 0 && seconds < EndSeconds;
        }

        if (text.Length >= 10 && text.Length <= 64 && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            seconds = parsed.ToUnixTimeSeconds();
            return seconds >= 0 && seconds < EndSeconds;
        }

        return false;
    }

    private static string? Id(byte[] field)
    {
        if (field.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(field);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return text.Any(c => c < ' ' || c == '\u007f') ? null : text;
    }
}
