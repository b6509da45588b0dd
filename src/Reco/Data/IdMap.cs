using Reco.Data.Sources.Parquet;
namespace Reco.Data;

/// <summary>
/// A two-way map between external identifiers (user or item ids as they appear in the data) and dense
/// indices 0…Count−1 in order of first appearance. Unlike <see cref="StringLookup"/> it has no
/// out-of-vocabulary bucket: an unknown id is reported, not mapped.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private List<string?>? _labels;

    /// <summary>Creates an empty map.</summary>
    public IdMap()
    {
    }

    /// <summary>Creates a map of the given ids, in order; duplicates are rejected.</summary>
    public IdMap(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            if (_index.ContainsKey(id))
            {
                throw new ArgumentException($"The id '{id}' appears twice.", nameof(ids));
            }

            Add(id);
        }
    }

    /// <summary>Number of ids.</summary>
    public int Count => _ids.Count;

    /// <summary>All ids; position = index.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id at <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    /// <summary>Whether any id has a display label (for example a movie title).</summary>
    public bool HasLabels => _labels is not null && _labels.Exists(label => label is not null);

    /// <summary>The display label of the id at <paramref name="index"/> (for example a movie title), or the id itself when it has none.</summary>
    public string LabelOf(int index) => (_labels is { } labels && index < labels.Count ? labels[index] : null) ?? _ids[index];

    /// <summary>Gives the id at <paramref name="index"/> a display label; null or empty removes it.</summary>
    public void SetLabel(int index, string? label)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_ids.Count, nameof(index));
        if (string.IsNullOrEmpty(label))
        {
            if (_labels is not null && index < _labels.Count)
            {
                _labels[index] = null;
            }

            return;
        }

        _labels ??= [];
        while (_labels.Count <= index)
        {
            _labels.Add(null);
        }

        _labels[index] = label;
    }

    /// <summary>The index of <paramref name="id"/>, adding it if new.</summary>
    public int GetOrAdd(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_index.TryGetValue(id, out int index))
        {
            return index;
        }

        return Add(id);
    }

    /// <summary>Finds the index of <paramref name="id"/>.</summary>
    public bool TryGetIndex(string id, out int index) => _index.TryGetValue(id, out index);

    /// <summary>The index of <paramref name="id"/>, or −1 when it is unknown.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out int index) ? index : -1;

    private int Add(string id)
    {
        int index = _ids.Count;
        _index.Add(id, index);
        _ids.Add(id);
        return index;
    }
}
