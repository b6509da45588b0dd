namespace Reco.Models;

/// <summary>An item index with its score.</summary>
/// <param name="Item">The item's index in the training data's item map.</param>
/// <param name="Score">The model's score (higher is better).</param>
public readonly record struct ScoredItem(int Item, float Score);
