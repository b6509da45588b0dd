namespace Reco.Models.Options;

/// <summary>
/// Marks a property of an algorithm's options record as a hyper-parameter: the key users write
/// (<c>--option key=value</c>), what it does, and its valid range. The record's property initialisers are
/// the defaults, so the constructor, the catalogue, the command line's help and saved models all read one home.
/// </summary>
/// <param name="key">The key as users write it (for example <c>factors</c>).</param>
/// <param name="description">One line on what it does.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HyperparameterAttribute(string key, string description) : Attribute
{
    /// <summary>The key as users write it.</summary>
    public string Key => key;

    /// <summary>What it does.</summary>
    public string Description => description;

    /// <summary>The least valid value of a numeric option (inclusive unless <see cref="ExclusiveMinimum"/>).</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;

    /// <summary>Whether the value must be strictly above <see cref="Minimum"/>.</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary>The greatest valid value of a numeric option (inclusive unless <see cref="ExclusiveMaximum"/>).</summary>
    public double Maximum { get; set; } = double.PositiveInfinity;

    /// <summary>Whether the value must be strictly below <see cref="Maximum"/>.</summary>
    public bool ExclusiveMaximum { get; set; }
}
