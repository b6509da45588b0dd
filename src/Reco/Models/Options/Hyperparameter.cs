namespace Reco.Models.Options;

/// <summary>A hyper-parameter of an algorithm, with its default as users write it.</summary>
/// <param name="Name">The key of <c>--option key=value</c>.</param>
/// <param name="Default">The default value.</param>
/// <param name="Description">What it does.</param>
/// <param name="Range">The valid values in words (for example <c>at least 1</c>, <c>cosine, pearson or jaccard</c>), or empty.</param>
public sealed record Hyperparameter(string Name, string Default, string Description, string Range);
