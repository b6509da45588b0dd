namespace Reco.Data.Features;

/// <summary>One feature to read from a column of a side-data file.</summary>
/// <param name="Column">The column's name in the header.</param>
/// <param name="Kind">How its values are read.</param>
/// <param name="Separator">For a multi-valued feature, what separates its values (for example <c>|</c> in MovieLens genres).</param>
/// <param name="Name">The feature's name; the column's when <see langword="null"/>.</param>
public sealed record FeatureSpec(string Column, FeatureKind Kind, string? Separator = null, string? Name = null);
