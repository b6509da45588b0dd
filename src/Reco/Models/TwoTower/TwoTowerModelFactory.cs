using Reco.Data.Features;
using Reco.Models.Options;
using Reco.Data.Sources.Parquet;

namespace Reco.Models.TwoTower;

/// <summary>Ready-made two-tower models.</summary>
public static class TwoTowerModel
{
    /// <summary>
    /// The catalogue's <c>two-tower</c>: a user-id tower and an item-id tower (a lookup and an embedding
    /// each, with the side features its options name), built over the ids of the data it is first fitted on
    /// and trained with the retrieval task's softmax.
    /// </summary>
    /// <param name="options">The hyper-parameters; by default the catalogue's.</param>
    /// <param name="userFeatures">The users' feature table, for <c>user-features</c>.</param>
    /// <param name="itemFeatures">The items' feature table, for <c>item-features</c>.</param>
    public static TwoTowerModel<string, string> ForIds(TwoTowerOptions? options = null, FeatureTable? userFeatures = null, FeatureTable? itemFeatures = null)
    {
        var o = ModelOptions.Checked(options, "two-tower");
        var model = new TwoTowerModel<string, string>(
            o,
            (train, users, items) =>
            {
                // Seeds of its own (the ones RandomSeed.Set(o.Seed) would hand out), not the process-wide
                // sequence: a fit is then reproducible whatever else draws seeds meanwhile, and leaves them alone.
                var seeds = new Random(o.Seed);
                var query = FeatureTowers.Build(train.Users.Ids, users, o.UserFeatures, "user", o, seeds);
                var candidate = FeatureTowers.Build(train.Items.Ids, items, o.ItemFeatures, "item", o, seeds);
                return (query, candidate);
            },
            TwoTowerInputs.Ids);
        model.UseFeatures(userFeatures, itemFeatures);
        return model;
    }
}
