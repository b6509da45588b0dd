using Reco.Data.Sources.Parquet;
namespace Reco.Data;

/// <summary>
/// Side information about items: for each item index, a sparse vector over named features (genres,
/// release-year buckets, title tokens, …), stored as compressed rows with ascending feature indices.
/// Items without features have empty rows.
/// </summary>
public sealed class ItemFeatures
{
    private readonly int[] _start;
    private readonly int[] _features;
    private readonly float[] _values;

    /// <summary>Wraps compressed rows: item i's entries are <c>features[start[i]..start[i+1]]</c>, ascending.</summary>
    public ItemFeatures(IReadOnlyList<string> featureNames, int[] start, int[] features, float[] values)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(values);
        if (start.Length == 0 || start[0] != 0 || start[^1] != features.Length || features.Length != values.Length)
        {
            throw new ArgumentException("Row starts must run from 0 to the number of entries, with one value per entry.");
        }

        for (int i = 0; i + 1 < start.Length; i++)
        {
            if (start[i + 1] < start[i])
            {
                throw new ArgumentException($"Row {i} ends before it starts.");
            }

            for (int p = start[i]; p < start[i + 1]; p++)
            {
                if ((uint)features[p] >= (uint)featureNames.Count || (p > start[i] && features[p] <= features[p - 1]))
                {
                    throw new ArgumentException($"Item {i}'s feature indices must be ascending and below {featureNames.Count}.");
                }
            }
        }

        FeatureNames = featureNames;
        _start = start;
        _features = features;
        _values = values;
    }

    /// <summary>Number of items (rows).</summary>
    public int ItemCount => _start.Length - 1;

    /// <summary>Names of the features; position = feature index.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of features.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Feature indices of <paramref name="item"/>, ascending.</summary>
    public ReadOnlySpan<int> FeaturesOf(int item) => _features.AsSpan(_start[item], _start[item + 1] - _start[item]);

    /// <summary>Values of <paramref name="item"/>'s features, parallel to <see cref="FeaturesOf"/>.</summary>
    public ReadOnlySpan<float> ValuesOf(int item) => _values.AsSpan(_start[item], _start[item + 1] - _start[item]);

    /// <summary>Builds features from (feature name → value) maps, one per item index; names are indexed in order of appearance.</summary>
    public static ItemFeatures From(IReadOnlyList<IReadOnlyDictionary<string, float>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var names = new IdMap();
        var start = new int[items.Count + 1];
        var features = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < items.Count; i++)
        {
            var row = items[i].Where(kv => kv.Value != 0).Select(kv => (Index: names.GetOrAdd(kv.Key), kv.Value)).OrderBy(e => e.Index).ToArray();
            features.AddRange(row.Select(e => e.Index));
            values.AddRange(row.Select(e => e.Value));
            start[i + 1] = features.Count;
        }

        return new ItemFeatures(names.Ids, start, [.. features], [.. values]);
    }

    /// <summary>The compressed rows (for saving).</summary>
    internal (int[] Start, int[] Features, float[] Values) Rows => (_start, _features, _values);
}
