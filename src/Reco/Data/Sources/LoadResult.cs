using Reco.Data.Features;

namespace Reco.Data.Sources;

/// <summary>Loaded interactions with the report of the load and any side data that came with them.</summary>
/// <param name="Interactions">The interactions.</param>
/// <param name="Report">What happened to every row.</param>
/// <param name="ItemFeatures">Item side data (for example MovieLens titles and genres), aligned with <c>Interactions.Items</c>.</param>
/// <param name="UserFeatures">User side data (for example MovieLens 1M demographics), aligned with <c>Interactions.Users</c>.</param>
public sealed record LoadResult(Interactions Interactions, LoadReport Report, FeatureTable? ItemFeatures = null, FeatureTable? UserFeatures = null);
