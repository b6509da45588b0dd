namespace Reco.Indexes;

/// <summary>The answer to one top-k query: scores and identifiers, best first.</summary>
/// <param name="Scores">Dot-product scores, descending.</param>
/// <param name="Identifiers">The candidates, in the same order.</param>
public sealed record TopKResult<TIdentifier>(IReadOnlyList<float> Scores, IReadOnlyList<TIdentifier> Identifiers);
