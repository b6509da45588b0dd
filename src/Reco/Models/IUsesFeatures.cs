using Reco.Data.Features;

namespace Reco.Models;

/// <summary>
/// A model that can use the data's side features (the user and item feature tables a data source loads, such
/// as MovieLens' genres or users' occupations) besides the interactions. Whoever fits it with a data set hands
/// them over first.
/// </summary>
public interface IUsesFeatures
{
    /// <summary>Gives the model the user and item feature tables (either may be null) to use at its next fit.</summary>
    void UseFeatures(FeatureTable? users, FeatureTable? items);
}
