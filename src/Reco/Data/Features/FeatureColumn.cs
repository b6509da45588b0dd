namespace Reco.Data.Features;

/// <summary>One named feature: its values for each user or item index (none where unknown).</summary>
public sealed class FeatureColumn
{
    private readonly List<string[]?> _values = [];

    internal FeatureColumn(string name, FeatureKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The feature's name, for example <c>genres</c>.</summary>
    public string Name { get; }

    /// <summary>Categorical, multi-valued or text.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The values of <paramref name="index"/>: one for categorical and text features, any number for multi-valued ones, none when unknown.</summary>
    /// <param name="index">A user or item index of the table's id map.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> ValuesOf(int index) =>
        (uint)index < (uint)_values.Count && _values[index] is string[] values ? values : [];

    /// <summary>The single value of <paramref name="index"/> (the first of a multi-valued one), or <see langword="null"/>.</summary>
    /// <param name="index">A user or item index.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? ValueOf(int index) => ValuesOf(index) is [var first, ..] ? first : null;

    /// <summary>Every distinct value, sorted ordinally: the vocabulary of a categorical or multi-valued feature.</summary>
    /// <returns>The distinct values.</returns>
    public IReadOnlyList<string> Vocabulary() =>
        _values.Where(v => v is not null).SelectMany(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    internal void SetValues(int index, string[] values)
    {
        while (_values.Count <= index)
        {
            _values.Add(null);
        }

        _values[index] = Kind == FeatureKind.MultiValued || values.Length <= 1
            ? values
            : throw new ArgumentException($"The {Kind.ToString().ToLowerInvariant()} feature '{Name}' takes one value, not {values.Length}.");
    }
}
