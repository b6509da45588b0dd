namespace Reco.Data.Features;

/// <summary>
/// Side data of users or items: named features, each with values per index of an <see cref="IdMap"/>
/// (the same map as <see cref="Interactions.Items"/> or <see cref="Interactions.Users"/>), so
/// <c>features["genres"].ValuesOf(item)</c> takes an item index straight from the interactions.
/// </summary>
public sealed class FeatureTable
{
    private readonly List<FeatureColumn> _columns = [];

    /// <summary>Creates an empty table over <paramref name="keys"/>.</summary>
    /// <param name="keys">The ids whose indices the features use.</param>
    public FeatureTable(IdMap keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
    }

    /// <summary>The ids: index → user or item id.</summary>
    public IdMap Keys { get; }

    /// <summary>The features, in the order they were added.</summary>
    public IReadOnlyList<FeatureColumn> Columns => _columns;

    /// <summary>The feature called <paramref name="name"/>.</summary>
    /// <param name="name">The feature's name.</param>
    /// <exception cref="KeyNotFoundException">No feature has that name; the message lists them.</exception>
    public FeatureColumn this[string name] => TryGetColumn(name, out var column) ? column
        : throw new KeyNotFoundException($"No feature '{name}'; the features are: {string.Join(", ", _columns.Select(c => c.Name))}.");

    /// <summary>Finds a feature by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="column">The feature, when found.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetColumn(string name, out FeatureColumn column)
    {
        column = _columns.Find(c => c.Name == name)!;
        return column is not null;
    }

    /// <summary>Adds a feature with no values yet.</summary>
    /// <param name="name">A name not used yet.</param>
    /// <param name="kind">How its values are read.</param>
    /// <returns>The new feature.</returns>
    public FeatureColumn Add(string name, FeatureKind kind)
    {
        if (TryGetColumn(name, out _))
        {
            throw new ArgumentException($"The feature '{name}' already exists.", nameof(name));
        }

        var column = new FeatureColumn(name, kind);
        _columns.Add(column);
        return column;
    }

    /// <summary>Sets the values of feature <paramref name="name"/> for the id <paramref name="id"/>, adding the id to <see cref="Keys"/> if new.</summary>
    /// <param name="id">The user or item id.</param>
    /// <param name="name">The feature.</param>
    /// <param name="values">Its values (one unless the feature is multi-valued).</param>
    public void Set(string id, string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this[name].SetValues(Keys.GetOrAdd(id), values);
    }
}
