using System.Runtime.CompilerServices;

namespace Reco.Data.Sources.Text;

/// <summary>
/// Splits records of delimited text into fields, as Python's csv module and pandas read them: a field
/// that begins with a quote is quoted (RFC 4180: <c>"a,b"</c>, <c>"say ""hi"""</c>, line breaks allowed
/// inside, and any text after the closing quote up to the next delimiter belongs to the field); a quote
/// anywhere else is an ordinary character, so <c>12" vinyl</c> is one unquoted field. A record ends at a
/// line feed outside quotes; a carriage return just before it is dropped. Unquoted fields are ranges of
/// the input; quoted ones are unescaped into a scratch buffer.
/// </summary>
internal sealed class RecordSplitter
{
    private readonly byte[] _delimiter;
    private readonly byte _first;
    private readonly bool _single;
    private byte[] _scratch;
    private int _scratchUsed;

    public RecordSplitter(byte[] delimiter)
    {
        _delimiter = delimiter;
        _first = delimiter[0];
        _single = delimiter.Length == 1;
        _scratch = [];
    }

    /// <summary>The delimiter's bytes.</summary>
    public ReadOnlySpan<byte> Delimiter => _delimiter;

    /// <summary>
    /// Splits one line (without its line break) on its own: returns how many fields it has in all,
    /// storing the first <c>fields.Length</c>, or −1 when a quoted field is not closed on the line.
    /// </summary>
    public int SplitLine(ReadOnlySpan<byte> line, Span<FieldRef> fields)
    {
        if (!line.Contains((byte)'"'))
        {
            return SplitPlain(line, fields);
        }

        return SplitQuoted(line, final: true, resumeInQuotes: false, fields, out int count, out _, out _) == RecordStatus.Complete ? count : -1;
    }

    /// <summary>As <see cref="SplitLine"/>, but counting no more fields than <paramref name="fields"/> holds.</summary>
    public int Split(ReadOnlySpan<byte> line, Span<FieldRef> fields) => Math.Min(SplitLine(line, fields), fields.Length);

    /// <summary>
    /// Splits a record that holds no quote (without its line feed and carriage return): stores the first
    /// <c>fields.Length</c> fields and returns how many fields the record has in all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SplitPlain(ReadOnlySpan<byte> record, Span<FieldRef> fields)
    {
        int count = 0;
        int start = 0;
        while (count < fields.Length)
        {
            int offset = _single ? record[start..].IndexOf(_first) : record[start..].IndexOf(_delimiter);
            if (offset < 0)
            {
                fields[count++] = new FieldRef(false, start, record.Length - start);
                return count;
            }

            fields[count++] = new FieldRef(false, start, offset);
            start += offset + _delimiter.Length;
        }

        // Every stored field ended at a delimiter, so at least one more follows.
        return count + 1 + CountDelimiters(record[start..]);
    }

    /// <summary>
    /// Splits the record at the start of <paramref name="data"/>, which may hold quoted fields; stores the
    /// first <c>fields.Length</c> fields (read them with <see cref="Get"/> on <paramref name="data"/>).
    /// </summary>
    /// <param name="data">The bytes from the record's start on.</param>
    /// <param name="final">Whether <paramref name="data"/> runs to the end of the input; otherwise a record that is not finished within it is <see cref="RecordStatus.Incomplete"/>.</param>
    /// <param name="resumeInQuotes">Start inside a quoted field whose opening quote lies before <paramref name="data"/>.</param>
    /// <param name="fields">Where the first fields go.</param>
    /// <param name="count">How many fields the record has.</param>
    /// <param name="end">The index of the line feed that ends the record, or <c>data.Length</c> when the input ends first.</param>
    /// <param name="openQuote">For <see cref="RecordStatus.Unclosed"/>: the index of the quote that opened the field, or −1 when it lies before <paramref name="data"/>.</param>
    /// <returns>Whether the record is complete, needs more data, or ends inside a quoted field.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordStatus SplitQuoted(ReadOnlySpan<byte> data, bool final, bool resumeInQuotes, Span<FieldRef> fields, out int count, out int end, out int openQuote)
    {
        _scratchUsed = 0;
        count = 0;
        end = -1;
        openQuote = -1;
        int pos = 0;
        bool inQuotes = resumeInQuotes;
        while (true)
        {
            int index = count++;
            bool store = index < fields.Length;
            int stop;
            bool atDelimiter;
            if (inQuotes || (pos < data.Length && data[pos] == (byte)'"'))
            {
                int quote = inQuotes ? -1 : pos;
                int i = inQuotes ? pos : pos + 1;
                inQuotes = false;
                int begin = _scratchUsed;
                while (true)
                {
                    int next = data[i..].IndexOf((byte)'"');
                    if (next < 0)
                    {
                        openQuote = quote;
                        return final ? RecordStatus.Unclosed : RecordStatus.Incomplete;
                    }

                    if (store)
                    {
                        Append(data.Slice(i, next));
                    }

                    i += next + 1;
                    if (i >= data.Length && !final)
                    {
                        return RecordStatus.Incomplete;
                    }

                    if (i < data.Length && data[i] == (byte)'"')
                    {
                        if (store)
                        {
                            Append([(byte)'"']);
                        }

                        i++;
                        continue;
                    }

                    break;
                }

                // After the closing quote: the field's end, or text that belongs to it up to the next delimiter.
                stop = FieldEnd(data, i, final, out atDelimiter, out end);
                if (stop < 0)
                {
                    return RecordStatus.Incomplete;
                }

                if (store)
                {
                    Append(data[i..stop]);
                    fields[index] = new FieldRef(true, begin, _scratchUsed - begin);
                }
            }
            else
            {
                stop = FieldEnd(data, pos, final, out atDelimiter, out end);
                if (stop < 0)
                {
                    return RecordStatus.Incomplete;
                }

                if (store)
                {
                    fields[index] = new FieldRef(false, pos, stop - pos);
                }
            }

            if (!atDelimiter)
            {
                return RecordStatus.Complete;
            }

            pos = stop + _delimiter.Length;
        }
    }

    /// <summary>A field's bytes: a range of the record, or of the scratch buffer for a quoted field.</summary>
    public ReadOnlySpan<byte> Get(ReadOnlySpan<byte> record, FieldRef field) =>
        field.InScratch ? _scratch.AsSpan(field.Start, field.Length) : record.Slice(field.Start, field.Length);

    /// <summary>
    /// Where the unquoted text from <paramref name="from"/> ends: at a delimiter, or at the record's end
    /// (before a carriage return that precedes the line feed). −1 when the data ends first and is not final.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FieldEnd(ReadOnlySpan<byte> data, int from, bool final, out bool atDelimiter, out int recordEnd)
    {
        var rest = data[from..];
        int found;
        if (_single)
        {
            found = rest.IndexOfAny(_first, (byte)'\n');
            atDelimiter = found >= 0 && rest[found] == _first;
        }
        else
        {
            int newline = rest.IndexOf((byte)'\n');
            int delimiter = (newline < 0 ? rest : rest[..newline]).IndexOf(_delimiter);
            atDelimiter = delimiter >= 0;
            found = atDelimiter ? delimiter : newline;
        }

        if (atDelimiter)
        {
            recordEnd = -1;
            return from + found;
        }

        if (found < 0)
        {
            if (!final)
            {
                recordEnd = -1;
                return -1;
            }

            found = rest.Length;
        }

        recordEnd = from + found;
        return found > 0 && rest[found - 1] == (byte)'\r' ? recordEnd - 1 : recordEnd;
    }

    private int CountDelimiters(ReadOnlySpan<byte> text)
    {
        if (_single)
        {
            return text.Count(_first);
        }

        int count = 0;
        for (int at = text.IndexOf(_delimiter); at >= 0; at = text.IndexOf(_delimiter))
        {
            count++;
            text = text[(at + _delimiter.Length)..];
        }

        return count;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_scratch.Length < _scratchUsed + bytes.Length)
        {
            Array.Resize(ref _scratch, Math.Max(256, (_scratchUsed + bytes.Length) * 2));
        }

        bytes.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += bytes.Length;
    }
}

/// <summary>Where a field's bytes are: a range of the record, or of the splitter's scratch buffer.</summary>
internal readonly record struct FieldRef(bool InScratch, int Start, int Length);

/// <summary>The outcome of splitting a record that may hold quoted fields.</summary>
internal enum RecordStatus
{
    /// <summary>The record ends within the data.</summary>
    Complete,

    /// <summary>The data ends before the record does and more may follow.</summary>
    Incomplete,

    /// <summary>The input ends inside a quoted field.</summary>
    Unclosed,
}
