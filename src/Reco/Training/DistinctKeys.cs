namespace Reco.Training;

/// <summary>
/// The distinct keys of a batch in order of first appearance, and each pair's slot among them. Keys are
/// small non-negative integers (each distinct raw input of a fit gets one), so a slot table replaces hashing.
/// </summary>
internal sealed class DistinctKeys
{
    private int[] _slotOfKey = [];
    private int[] _keys = [];
    private int[] _slotOfPair = [];

    /// <summary>Distinct keys of the last <see cref="Build"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The distinct keys, in order of first appearance.</summary>
    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, Count);

    /// <summary>Each pair's slot among <see cref="Keys"/>.</summary>
    public ReadOnlySpan<int> Slots => _slotOfPair.AsSpan(0, _pairs);

    private int _pairs;

    /// <summary>Finds the distinct values of <paramref name="keys"/>, each in [0, <paramref name="keyCount"/>).</summary>
    public int Build(ReadOnlySpan<int> keys, int keyCount)
    {
        if (_slotOfKey.Length < keyCount)
        {
            _slotOfKey = new int[keyCount];
            Array.Fill(_slotOfKey, -1);
        }
        else
        {
            for (int i = 0; i < Count; i++)
            {
                _slotOfKey[_keys[i]] = -1;
            }
        }

        if (_keys.Length < keys.Length)
        {
            _keys = new int[keys.Length];
            _slotOfPair = new int[keys.Length];
        }

        Count = 0;
        _pairs = keys.Length;
        for (int i = 0; i < keys.Length; i++)
        {
            int key = keys[i];
            int slot = _slotOfKey[key];
            if (slot < 0)
            {
                slot = Count++;
                _slotOfKey[key] = slot;
                _keys[slot] = key;
            }

            _slotOfPair[i] = slot;
        }

        return Count;
    }
}
