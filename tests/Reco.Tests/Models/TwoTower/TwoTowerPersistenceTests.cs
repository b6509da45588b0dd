using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Serialization;
using Reco.Tasks;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.TwoTower;

public class TwoTowerPersistenceTests
{
    [Fact]
    public void AUserBuiltDeepModelSavesAndLoadsWithIdenticalScores()
    {
        var pairs = TestData.ClusteredInteractions(users: 16, items: 20, clusters: 4, perUser: 5, seed: 8);
        var catalogue = Enumerable.Range(0, 22).Select(i => $"i{i}").ToArray();
        var userTower = DeepTowerTests.Deep(pairs.Select(p => p.User).Distinct(), seed: 70);
        var itemTower = DeepTowerTests.Deep(catalogue, seed: 80);
        var model = new TwoTowerModel<string, string>(userTower, itemTower, new Retrieval(new FactorizedTopK<string>(catalogue, itemTower), temperature: 0.5f, removeAccidentalHits: true));
        model.Compile(new Adagrad(0.1f));
        model.Fit(pairs, batchSize: 16, epochs: 2);

        var folder = Path.Combine(TestData.TempDirectory(), "deep");
        RecommenderFile.Save(folder, model, new TrainingProvenance("pairs", "generated", null, "none", 8));
        var saved = RecommenderFile.Load(folder);

        var loaded = Assert.IsType<TwoTowerModel<string, string>>(saved.Model);
        Assert.Equal(AllScores(model), AllScores(loaded));
        Assert.Equal(model.SimilarItems(3, 5), loaded.SimilarItems(3, 5));
        Assert.Equal(model.TrainingData!.Items.Ids, loaded.TrainingData!.Items.Ids);
        Assert.Equal(0.5f, loaded.Task.Temperature);
        Assert.True(loaded.Task.RemoveAccidentalHits);
        var tower = Assert.IsType<Sequential<string>>(loaded.QueryModel);
        Assert.Equal(
            userTower.Layers.Select(l => (l.Config.Type, string.Join(",", l.Config.Arguments.OrderBy(a => a.Key)))),
            tower.Layers.Select(l => (l.Config.Type, string.Join(",", l.Config.Arguments.OrderBy(a => a.Key)))));

        // Inputs outside the vocabulary fall in the same out-of-vocabulary row after loading.
        Assert.Equal(userTower.Call("stranger"), tower.Call("stranger"));
        Assert.Equal(pairs.Length, saved.Provenance!.Rows);
        Assert.Equal(Reco.Data.InteractionsDigest.Of(model.TrainingData), saved.Provenance.RowsDigest);

        // Fitting the loaded model goes on from the saved weights (a fresh optimizer from its options).
        loaded.Fit(loaded.TrainingData);
        Assert.NotEqual(AllScores(model)[0], AllScores(loaded)[0]);
    }

    [Fact]
    public void TheCatalogueModelSavesItsOptionsAndLoadsThem()
    {
        var data = Clustered(users: 10, items: 12, perUser: 4);
        var options = new TwoTowerOptions { EmbeddingDim = 4, Epochs = 2, BatchSize = 8, Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.25f), Seed = 11, Shuffle = false, Temperature = 0.25f };
        var model = TwoTowerModel.ForIds(options);
        model.Fit(data);
        var folder = Path.Combine(TestData.TempDirectory(), "ids");
        RecommenderFile.Save(folder, model);

        var loaded = Assert.IsType<TwoTowerModel<string, string>>(RecommenderFile.Load(folder).Model);
        Assert.Equal(options, loaded.Options);
        Assert.Equal(0.25f, loaded.Task.Temperature);
        Assert.Equal(AllScores(model), AllScores(loaded));
    }
}
