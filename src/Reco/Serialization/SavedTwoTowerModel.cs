using Reco.Models;

namespace Reco.Serialization;

/// <summary>A loaded two-tower model with the catalogue it recommends from.</summary>
/// <param name="Model">The towers (ready to embed; compile it to train further).</param>
/// <param name="Catalogue">The candidates and their training counts.</param>
/// <param name="Metadata">What was saved with the model.</param>
public sealed record SavedTwoTowerModel(TwoTowerModel<string, string> Model, Catalogue Catalogue, IReadOnlyDictionary<string, string> Metadata);
