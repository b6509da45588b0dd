using Reco.Data;
using Reco.Models;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Training;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.TwoTower;

/// <summary>The catalogue's two-tower model (<see cref="TwoTowerModel.ForIds"/>) as a recommender.</summary>
public class TwoTowerRecommenderTests
{
    private static readonly TwoTowerOptions Fast = new()
    {
        EmbeddingDim = 8,
        Epochs = 8,
        BatchSize = 64,
        Optimizer = new OptimizerSettings(OptimizerKind.Adagrad, 0.5f),
        Seed = 3,
    };

    [Fact]
    public void FitIsDeterministicForASeedAndAnotherSeedGivesAnotherModel()
    {
        var data = Clustered();
        var first = TwoTowerModel.ForIds(Fast);
        first.Fit(data);
        var second = TwoTowerModel.ForIds(Fast);
        second.Fit(data);
        var other = TwoTowerModel.ForIds(Fast with { Seed = 4 });
        other.Fit(data);

        Assert.Equal(AllScores(first), AllScores(second));
        Assert.NotEqual(AllScores(first)[0], AllScores(other)[0]);
        Assert.Same(data, first.TrainingData);
        Assert.Equal("two-tower", first.Name);
        Assert.Equal(Fast, first.Options);
    }

    [Fact]
    public void LearnsTheClustersOfTheData()
    {
        var data = Clustered();
        var model = TwoTowerModel.ForIds(Fast);
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);

        // A quarter of the items are of each user's cluster: chance is 0.25.
        double share = OwnClusterShare(model, k: 5);
        Assert.True(share > 0.9, $"own-cluster share of the top 5: {share}");
        Assert.Equal(Fast.Epochs, losses.Losses.Count);
        Assert.True(losses.Losses[^1] < 0.8 * losses.Losses[0], string.Join(", ", losses.Losses));
    }

    [Fact]
    public void ScoresAreTheDotProductsOfTheTowersEmbeddings()
    {
        var data = Clustered(users: 12, items: 16, perUser: 6);
        var model = TwoTowerModel.ForIds(Fast with { Epochs = 2 });
        model.Fit(data);

        var items = data.Items.Ids.Select(id => Embed(model.CandidateModel, id)).ToArray();
        for (int u = 0; u < data.UserCount; u++)
        {
            var user = Embed(model.QueryModel, data.Users[u]);
            var scores = new float[data.ItemCount];
            model.ScoreItems(u, scores);
            for (int i = 0; i < scores.Length; i++)
            {
                Assert.Equal(Dot(user, items[i]), scores[i], 1e-5);
            }
        }

        Assert.Throws<ArgumentException>(() => model.ScoreItems(0, new float[data.ItemCount + 1]));
    }

    [Fact]
    public void SimilarItemsAreTheCosinesOfTheCandidateEmbeddings()
    {
        var data = Clustered(users: 12, items: 16, perUser: 6);
        var model = TwoTowerModel.ForIds(Fast with { Epochs = 3 });
        model.Fit(data);
        var items = data.Items.Ids.Select(id => Embed(model.CandidateModel, id)).ToArray();

        for (int item = 0; item < data.ItemCount; item += 5)
        {
            var expected = Enumerable.Range(0, data.ItemCount)
                .Where(j => j != item)
                .Select(j => (Item: j, Cosine: Cosine(items[item], items[j])))
                .OrderByDescending(p => p.Cosine)
                .Take(4)
                .ToArray();
            var similar = model.SimilarItems(item, 4);
            Assert.Equal(expected.Select(p => p.Item), similar.Select(s => s.Item));
            Assert.All(expected.Zip(similar), p => Assert.Equal(p.First.Cosine, p.Second.Score, 1e-5));
        }
    }

    [Fact]
    public void UnfittedModelHasNoTowersAndSaysSo()
    {
        var model = TwoTowerModel.ForIds();
        Assert.Null(model.TrainingData);
        Assert.Contains("fit", Assert.Throws<InvalidOperationException>(() => model.QueryModel).Message);
        Assert.Throws<InvalidOperationException>(() => model.ScoreItems(0, new float[1]));
        Assert.Throws<InvalidOperationException>(() => model.SimilarItems(0, 1));
    }

    [Fact]
    public void OptionsGivenToAUserBuiltModelAreCheckedToo()
    {
        var data = Clustered(users: 8, items: 8, perUser: 3);
        var users = new StringLookup(data.Users.Ids);
        var items = new StringLookup(data.Items.Ids);
        TwoTowerModel<string, string> Build(TwoTowerOptions options) => new(
            new Reco.Layers.Sequential<string>(users, new Reco.Layers.Embedding(users.VocabularySize, 4, seed: 1)),
            new Reco.Layers.Sequential<string>(items, new Reco.Layers.Embedding(items.VocabularySize, 4, seed: 2)),
            new Reco.Tasks.Retrieval())
        {
            Options = options,
        };

        // Zero epochs would fit nothing without a word; a zero batch size would fail later with a parameter name.
        Assert.Contains("Option epochs of two-tower is 0", Assert.Throws<ArgumentException>(() => Build(new TwoTowerOptions { Epochs = 0 })).Message);
        Assert.Contains("Option batch-size of two-tower is 0", Assert.Throws<ArgumentException>(() => Build(new TwoTowerOptions { BatchSize = 0 })).Message);

        var model = Build(new TwoTowerOptions { Epochs = 2, BatchSize = 8 });
        var epochs = new ClassicData.LossRecorder();
        model.Fit(data, [epochs]);
        Assert.Equal(2, epochs.Losses.Count);
    }

    [Fact]
    public void ADivergingFitStopsAndNamesTheEpoch()
    {
        var data = Clustered(users: 20, items: 20, perUser: 10);

        // Many batches an epoch: the weights overflow within the first one.
        var model = TwoTowerModel.ForIds(Fast with { Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 1e30f), BatchSize = 16, Normalize = false });
        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(data));
        Assert.StartsWith("Training diverged in epoch 1:", error.Message);
        Assert.Contains("lower learning rate", error.Message);
        Assert.Null(model.TrainingData);

        // One batch an epoch: the first step is finite (weights ~1e28), the second epoch's logits overflow.
        var pairs = Enumerable.Range(0, data.Count).Select(r => (data.Users[data.UserIndices[r]], data.Items[data.ItemIndices[r]])).ToArray();
        var users = new StringLookup(data.Users.Ids);
        var items = new StringLookup(data.Items.Ids);
        var keras = new TwoTowerModel<string, string>(
            new Reco.Layers.Sequential<string>(users, new Reco.Layers.Embedding(users.VocabularySize, 8, seed: 1)),
            new Reco.Layers.Sequential<string>(items, new Reco.Layers.Embedding(items.VocabularySize, 8, seed: 2)),
            new Reco.Tasks.Retrieval());
        keras.Compile(new Sgd(1e30f));
        var epochs = new ClassicData.LossRecorder();
        var second = Assert.Throws<TrainingDivergedException>(() => keras.Fit(pairs, batchSize: pairs.Length, epochs: 5, callbacks: [epochs]));
        Assert.StartsWith("Training diverged in epoch 2:", second.Message);
        Assert.Single(epochs.Losses);
        Assert.True(double.IsFinite(epochs.Losses[0]));
    }
}
