using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.Sources;

/// <summary>
/// The ids one chunk of a load has seen, in order of first appearance. Canonical decimal ids
/// (digits without a leading zero) are kept as numbers, so numeric ids cost no string per row;
/// anything else is kept as text. Chunks are merged into one <see cref="IdMap"/> afterwards.
/// </summary>
internal sealed class LocalIds
{
    private readonly Dictionary<long, int> _numbers = [];
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private readonly List<(long Number, string? Text)> _keys = [];
    private long _lastNumber = -1;
    private int _lastIndex = -1;

    public int Count => _keys.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Number(long id)
    {
        // Exports are usually grouped by user: the same id again costs no lookup.
        if (id == _lastNumber && _lastIndex >= 0)
        {
            return _lastIndex;
        }

        _lastNumber = id;
        _lastIndex = NumberLookup(id);
        return _lastIndex;
    }

    private int NumberLookup(long id)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, id, out bool exists);
        if (!exists)
        {
            slot = _keys.Count;
            _keys.Add((id, null));
        }

        return slot;
    }

    public int Text(ReadOnlySpan<char> id)
    {
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(id, out int index))
        {
            return index;
        }

        string text = id.ToString();
        index = _keys.Count;
        _texts.Add(text, index);
        _keys.Add((0, text));
        return index;
    }

    /// <summary>Looks up an id given as bytes: as a number when it is a canonical one, else decoded as text; −1 when it cannot be decoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Field(ReadOnlySpan<byte> field, TextDecoding decoding)
    {
        if (TryCanonicalNumber(field, out long number))
        {
            return Number(number);
        }

        Span<char> buffer = field.Length <= 256 ? stackalloc char[field.Length] : new char[field.Length];
        return decoding.TryDecode(field, buffer, out int written) ? Text(buffer[..written]) : -1;
    }

    /// <summary>Maps every local index to its index in <paramref name="global"/>, adding new ids.</summary>
    public int[] MergeInto(IdMap global)
    {
        var map = new int[_keys.Count];
        for (int i = 0; i < map.Length; i++)
        {
            var (number, text) = _keys[i];
            map[i] = global.GetOrAdd(text ?? number.ToString(CultureInfo.InvariantCulture));
        }

        return map;
    }

    /// <summary>A canonical decimal id: 1 to 18 plain digits without a leading zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCanonicalNumber(ReadOnlySpan<byte> field, out long value)
    {
        if (field.Length > 1 && field[0] == (byte)'0')
        {
            value = 0;
            return false;
        }

        return FieldText.TryParseShortDigits(field, out value);
    }
}
