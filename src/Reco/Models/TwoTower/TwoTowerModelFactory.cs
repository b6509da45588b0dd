using Reco.Data;
using Reco.Layers;
using Reco.Models.Options;

namespace Reco.Models.TwoTower;

/// <summary>Ready-made two-tower models.</summary>
public static class TwoTowerModel
{
    /// <summary>
    /// The catalogue's <c>two-tower</c>: a user-id tower and an item-id tower (a lookup and an embedding
    /// each), built over the ids of the data it is first fitted on and trained with the in-batch softmax.
    /// </summary>
    public static TwoTowerModel<string, string> ForIds(TwoTowerOptions? options = null)
    {
        var o = ModelOptions.Checked(options, "two-tower");
        return new TwoTowerModel<string, string>(
            o,
            train =>
            {
                // Seeds of its own (the ones RandomSeed.Set(o.Seed) would hand out), not the process-wide
                // sequence: a fit is then reproducible whatever else draws seeds meanwhile, and leaves them alone.
                var seeds = new Random(o.Seed);
                var users = new StringLookup(train.Users.Ids);
                var items = new StringLookup(train.Items.Ids);
                var userEmbedding = new Embedding(users.VocabularySize, o.EmbeddingDim, seeds.Next());
                var itemEmbedding = new Embedding(items.VocabularySize, o.EmbeddingDim, seeds.Next());
                ILayer[] Head() => o.Normalize ? [new L2Normalize()] : [];
                return (new Sequential<string>(users, userEmbedding, Head()), new Sequential<string>(items, itemEmbedding, Head()));
            },
            TwoTowerInputs.Ids);
    }
}
