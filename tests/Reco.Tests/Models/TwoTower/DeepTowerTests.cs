using Reco.Data;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.TwoTower;

/// <summary>Towers with dense layers after the embedding, trained and served by the unchanged model, metric and index.</summary>
public class DeepTowerTests
{
    private static readonly int[] Ks = [1, 5, 10];

    /// <summary>Items i0 … i43: i40 … i43 are in the catalogue but in no pair.</summary>
    private static readonly string[] Catalogue = [.. Enumerable.Range(0, 44).Select(i => $"i{i}")];

    internal static Sequential<string> Deep(IEnumerable<string> vocabulary, int seed) =>
        Deep(new StringLookup(vocabulary), seed);

    internal static Sequential<string> Deep(StringLookup lookup, int seed) =>
        new(lookup, new Embedding(lookup.VocabularySize, 16, seed), new Dense(16, Activation.Relu, seed: seed + 1), new Dense(8, seed: seed + 2));

    [Fact]
    public void DeepTowersTrainThroughTheModelAndTheMetricRanksTheirEmbeddings()
    {
        var pairs = TestData.ClusteredInteractions(users: 40, items: 40, clusters: 4, perUser: 12, seed: 2);
        var userTower = Deep(pairs.Select(p => p.User).Distinct(), seed: 10);
        var itemTower = Deep(Catalogue, seed: 20);
        var model = new TwoTowerModel<string, string>(userTower, itemTower, new Retrieval(new FactorizedTopK<string>(Catalogue, itemTower, Ks)));
        model.Compile(new Adagrad(0.1f));

        var before = model.Evaluate(pairs, batchSize: 128);
        var history = model.Fit(pairs, batchSize: 64, epochs: 10, shuffle: true, seed: 1);
        var after = model.Evaluate(pairs, batchSize: 128);

        Assert.True(history["loss"][^1] < 0.8 * history["loss"][0], string.Join(", ", history["loss"]));
        Assert.True(after["factorized_top_k@10"] > before["factorized_top_k@10"] + 0.3, $"{before["factorized_top_k@10"]} → {after["factorized_top_k@10"]}");
        Assert.True(OwnClusterShare(model, k: 5) > 0.9);

        // The metric's figures are the ranks of the deep towers' embeddings, computed here in double.
        var (rates, ambiguous) = TopKByHand(userTower, itemTower, pairs, Catalogue, Ks);
        for (int k = 0; k < Ks.Length; k++)
        {
            Assert.InRange(after[$"factorized_top_k@{Ks[k]}"], rates[k] - ((double)ambiguous / pairs.Length), rates[k] + ((double)ambiguous / pairs.Length));
        }
    }

    [Fact]
    public void BruteForceRetrievesByTheDeepTowersDotProducts()
    {
        var pairs = TestData.ClusteredInteractions(users: 20, items: 40, clusters: 4, perUser: 8, seed: 3);
        var users = pairs.Select(p => p.User).Distinct().ToArray();
        var userTower = Deep(users, seed: 30);
        var itemTower = Deep(Catalogue, seed: 40);
        var model = new TwoTowerModel<string, string>(userTower, itemTower, new Retrieval());
        model.Compile(new Adagrad(0.1f));
        model.Fit(pairs, batchSize: 32, epochs: 2);

        var index = new BruteForce<string, string>(model.QueryModel, k: 5).IndexFrom(Catalogue, model.CandidateModel);
        var items = Catalogue.Select(c => Embed(itemTower, c)).ToArray();
        foreach (var user in users.Take(6))
        {
            var u = Embed(userTower, user);
            var expected = Enumerable.Range(0, Catalogue.Length).OrderByDescending(i => Dot(u, items[i])).Take(5).ToArray();
            var (scores, ids) = index.Query(user);
            Assert.Equal(expected.Select(i => Catalogue[i]), ids);
            Assert.All(expected.Zip(scores), p => Assert.Equal(Dot(u, items[p.First]), p.Second, 1e-5));
        }
    }

    [Fact]
    public void KerasStyleFitSetsTrainingDataWithTheWholeCatalogueAsItems()
    {
        (string, string)[] pairs = [("u1", "i3"), ("u2", "i0"), ("u1", "i0"), ("u3", "i3"), ("u2", "i7")];
        var userTower = Deep(["u1", "u2", "u3"], seed: 50);
        var itemTower = Deep(Catalogue, seed: 60);
        var model = new TwoTowerModel<string, string>(userTower, itemTower, new Retrieval(new FactorizedTopK<string>(Catalogue, itemTower, Ks)));
        model.Compile(new Adagrad(0.1f));
        model.Fit(pairs, batchSize: 2, epochs: 1);

        var train = model.TrainingData!;
        Assert.Equal(["u1", "u2", "u3"], train.Users.Ids);
        Assert.Equal(["i3", "i0", "i7", .. Catalogue.Except(["i3", "i0", "i7"])], train.Items.Ids);
        Assert.Equal(pairs, Enumerable.Range(0, train.Count).Select(r => (train.Users[train.UserIndices[r]], train.Items[train.ItemIndices[r]])));
        Assert.False(train.HasRatings);

        // It is a recommender over those ids: scores for every catalogue item, the user's own excluded by Recommend.
        var scores = new float[train.ItemCount];
        model.ScoreItems(train.Users.IndexOf("u1"), scores);
        var u1 = Embed(userTower, "u1");
        Assert.All(Enumerable.Range(0, train.ItemCount), i => Assert.Equal(Dot(u1, Embed(itemTower, train.Items[i])), scores[i], 1e-5));
        var top = Reco.Models.RecommenderExtensions.Recommend(model, train.Users.IndexOf("u1"), k: 43);
        Assert.DoesNotContain(top, s => train.Items[s.Item] is "i3" or "i0");
        Assert.Equal(42, top.Count);

        // Without a metric the items are the pairs' alone.
        var bare = new TwoTowerModel<string, string>(Deep(["u1", "u2", "u3"], seed: 50), Deep(Catalogue, seed: 60), new Retrieval());
        bare.Compile(new Sgd(0.01f));
        bare.Fit(pairs, batchSize: 5);
        Assert.Equal(["i3", "i0", "i7"], bare.TrainingData!.Items.Ids);
    }
}
