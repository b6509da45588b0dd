namespace Reco.Data.Sources;

/// <summary>A row that could not be read: where it is and what is wrong with it.</summary>
/// <param name="Source">The file name or query that holds it.</param>
/// <param name="Unit">What <paramref name="Number"/> counts: <c>line</c> for text files, <c>row</c> otherwise.</param>
/// <param name="Number">The 1-based line or row number.</param>
/// <param name="Column">The column at fault, when one is.</param>
/// <param name="Problem">What is wrong.</param>
public sealed record BadRow(string Source, string Unit, long Number, string? Column, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Column is null ? $"{Source} {Unit} {Number}: {Problem}" : $"{Source} {Unit} {Number}, column '{Column}': {Problem}";
}
