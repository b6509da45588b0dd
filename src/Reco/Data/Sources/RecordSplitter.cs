using System.Runtime.CompilerServices;

namespace Reco.Data.Sources;

/// <summary>
/// Splits one record of delimited text into fields. Unquoted fields are ranges of the record; quoted
/// fields (RFC 4180: <c>"a,b"</c>, <c>"say ""hi"""</c>, line breaks allowed inside) are unescaped into a scratch buffer.
/// </summary>
internal sealed class RecordSplitter
{
    private readonly byte[] _delimiter;
    private byte[] _scratch;
    private int _scratchUsed;

    public RecordSplitter(byte[] delimiter)
    {
        _delimiter = delimiter;
        _scratch = [];
    }

    /// <summary>
    /// Splits <paramref name="record"/> into at most <c>fields.Length</c> fields (read them back with <see cref="Get"/>);
    /// returns how many it found, or −1 for an unclosed quote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Split(ReadOnlySpan<byte> record, Span<FieldRef> fields)
    {
        _scratchUsed = 0;
        int count = 0;
        int start = 0;
        while (count < fields.Length)
        {
            if (start < record.Length && record[start] == (byte)'"')
            {
                int end = Unquote(record, start + 1, out FieldRef field);
                if (end < 0)
                {
                    return -1;
                }

                fields[count++] = field;
                if (end >= record.Length)
                {
                    return count;
                }

                // After the closing quote: a delimiter, or stray text that belongs to the field.
                if (!record[end..].StartsWith(_delimiter))
                {
                    int next = record[end..].IndexOf(_delimiter);
                    next = next < 0 ? record.Length : end + next;
                    fields[count - 1] = AppendScratch(field, record[end..next]);
                    if (next >= record.Length)
                    {
                        return count;
                    }

                    end = next;
                }

                start = end + _delimiter.Length;
                if (start == record.Length)
                {
                    if (count < fields.Length)
                    {
                        fields[count++] = new FieldRef(false, start, 0);
                    }

                    return count;
                }

                continue;
            }

            int offset = _delimiter.Length == 1 ? record[start..].IndexOf(_delimiter[0]) : record[start..].IndexOf(_delimiter);
            int stop = offset < 0 ? record.Length : start + offset;
            fields[count++] = new FieldRef(false, start, stop - start);
            if (offset < 0)
            {
                return count;
            }

            start = stop + _delimiter.Length;
        }

        return count;
    }

    public ReadOnlySpan<byte> Get(ReadOnlySpan<byte> record, FieldRef field) =>
        field.InScratch ? _scratch.AsSpan(field.Start, field.Length) : record.Slice(field.Start, field.Length);

    private int Unquote(ReadOnlySpan<byte> record, int from, out FieldRef field)
    {
        EnsureScratch(record.Length);
        int begin = _scratchUsed;
        int i = from;
        while (i < record.Length)
        {
            byte b = record[i];
            if (b == (byte)'"')
            {
                if (i + 1 < record.Length && record[i + 1] == (byte)'"')
                {
                    _scratch[_scratchUsed++] = (byte)'"';
                    i += 2;
                    continue;
                }

                field = new FieldRef(true, begin, _scratchUsed - begin);
                return i + 1;
            }

            _scratch[_scratchUsed++] = b;
            i++;
        }

        field = default;
        return -1;
    }

    private FieldRef AppendScratch(FieldRef field, ReadOnlySpan<byte> tail)
    {
        EnsureScratch(_scratchUsed + tail.Length);
        tail.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += tail.Length;
        return field with { Length = field.Length + tail.Length };
    }

    private void EnsureScratch(int size)
    {
        if (_scratch.Length < _scratchUsed + size)
        {
            Array.Resize(ref _scratch, Math.Max(256, (_scratchUsed + size) * 2));
        }
    }
}

/// <summary>Where a field's bytes are: a range of the record, or of the splitter's scratch buffer.</summary>
internal readonly record struct FieldRef(bool InScratch, int Start, int Length);
