namespace Reco.Serialization;

/// <summary>The items a model recommends from, each with how many training interactions it had.</summary>
public sealed class Catalogue
{
    /// <summary>Creates a catalogue; <paramref name="counts"/> runs parallel to <paramref name="items"/>.</summary>
    public Catalogue(IReadOnlyList<string> items, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(counts);
        if (items.Count != counts.Count)
        {
            throw new ArgumentException($"{items.Count} items but {counts.Count} counts.", nameof(counts));
        }

        Items = items;
        Counts = counts;
    }

    /// <summary>The items, each once.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Training interactions per item.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>The distinct items in order of first appearance, counted over <paramref name="interactions"/>.</summary>
    public static Catalogue FromItems(IEnumerable<string> items, IEnumerable<string> interactions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(interactions);
        var distinct = items.Distinct(StringComparer.Ordinal).ToArray();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in interactions)
        {
            counts[item] = counts.GetValueOrDefault(item) + 1;
        }

        return new Catalogue(distinct, [.. distinct.Select(i => counts.GetValueOrDefault(i))]);
    }
}
