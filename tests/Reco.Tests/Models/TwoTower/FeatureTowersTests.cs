using Reco.Data;
using Reco.Data.Features;
using Reco.Layers;
using Reco.Models.TwoTower;

namespace Reco.Tests.Models.TwoTower;

public class FeatureTowersTests
{
    [Fact]
    public void NamedFeaturesAreEmbeddedNextToTheIdAndProjected()
    {
        var data = TwoTowerTestData.Clustered(users: 16, items: 20, perUser: 8);
        var items = new FeatureTable(data.Items);
        items.Add("cluster", FeatureKind.Categorical);
        items.Add("tags", FeatureKind.MultiValued);
        items.Add("name", FeatureKind.Text);
        foreach (var id in data.Items.Ids)
        {
            items.Set(id, "cluster", $"c{TwoTowerTestData.Cluster(id)}");
            items.Set(id, "tags", "all", $"t{TwoTowerTestData.Cluster(id)}");
            items.Set(id, "name", $"Item {id} of cluster {TwoTowerTestData.Cluster(id)}");
        }

        var options = new TwoTowerOptions { EmbeddingDim = 8, Epochs = 10, BatchSize = 32, ItemFeatures = "cluster+tags,name" };
        var model = TwoTowerModel.ForIds(options, itemFeatures: items);
        model.Fit(data);

        var candidate = Assert.IsType<Stacked<string>>(model.CandidateModel);
        var parts = Assert.IsType<Concatenate<string>>(candidate.Input).Parts;
        Assert.Equal(4, parts.Count);
        Assert.IsType<Sequential<string>>(parts[0]);
        Assert.All(parts.Skip(1), p => Assert.IsType<PooledEmbedding<string>>(p));
        Assert.Equal(8, model.CandidateModel.OutputDim);
        Assert.IsType<Sequential<string>>(model.QueryModel);
        Assert.True(TwoTowerTestData.OwnClusterShare(model, 5) > 0.5);
    }

    [Fact]
    public void AModelWithFeatureTowersSavesAndLoadsWithItsFeatures()
    {
        var data = TwoTowerTestData.Clustered(users: 16, items: 20, perUser: 8);
        var items = new FeatureTable(data.Items);
        items.Add("tags", FeatureKind.MultiValued);
        items.Add("name", FeatureKind.Text);
        foreach (var id in data.Items.Ids.Take(15))
        {
            items.Set(id, "tags", "all", $"t{TwoTowerTestData.Cluster(id)}");
            items.Set(id, "name", $"Item {id} of cluster {TwoTowerTestData.Cluster(id)}");
        }

        var users = new FeatureTable(new IdMap(["extra", .. data.Users.Ids]));
        users.Add("group", FeatureKind.Categorical);
        foreach (var id in data.Users.Ids)
        {
            users.Set(id, "group", $"g{id.Length % 3}");
        }

        var options = new TwoTowerOptions { EmbeddingDim = 8, Epochs = 3, BatchSize = 32, ItemFeatures = "tags,name", UserFeatures = "group" };
        var model = TwoTowerModel.ForIds(options, users, items);
        model.Fit(data);

        var folder = Path.Combine(TestData.TempDirectory(), "features");
        Reco.Serialization.RecommenderFile.Save(folder, model);
        var loaded = Assert.IsType<TwoTowerModel<string, string>>(Reco.Serialization.RecommenderFile.Load(folder).Model);

        Assert.IsType<Stacked<string>>(loaded.CandidateModel);
        Assert.IsType<Stacked<string>>(loaded.QueryModel);
        var expected = new float[data.ItemCount];
        var actual = new float[data.ItemCount];
        for (int user = 0; user < data.UserCount; user++)
        {
            model.ScoreItems(user, expected);
            loaded.ScoreItems(user, actual);
            Assert.Equal(expected, actual);
        }

        // A damaged saved column is a clear error, not a model that quietly scores otherwise.
        var state = model.ExportState();
        state.Ints["item_features.tags.counts"] = [.. state.Ints["item_features.tags.counts"].Skip(1)];
        var fresh = TwoTowerModel.ForIds(options);
        Assert.Contains("one list of values per id", Assert.Throws<InvalidDataException>(() => fresh.ImportState(state, data)).Message);
    }

    [Fact]
    public void MissingTablesAndColumnsAreNamedErrors()
    {
        var data = TwoTowerTestData.Clustered(users: 4, items: 6, perUser: 3);
        var missing = TwoTowerModel.ForIds(new TwoTowerOptions { UserFeatures = "age" });
        Assert.Contains("this data has no user features", Assert.Throws<ArgumentException>(() => missing.Fit(data)).Message);

        var users = new FeatureTable(data.Users);
        users.Add("age", FeatureKind.Categorical);
        var unknown = TwoTowerModel.ForIds(new TwoTowerOptions { UserFeatures = "age,gender" }, userFeatures: users);
        Assert.Equal("The data's user features have no 'gender'; they are: age.", Assert.Throws<ArgumentException>(() => unknown.Fit(data)).Message);
    }

    [Fact]
    public void TrainAndEvaluateHandsTheDataSetsFeatureTablesOver()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 12, movies: 16, ratingsPerUser: 6, seed: 2));
        var options = Reco.Models.AlgorithmOptions.ParseSpecification("two-tower:item-features=genres:epochs=2:dim=4");
        var result = Reco.Recipes.TrainAndEvaluate.Run(data, options);
        var model = Assert.IsType<TwoTowerModel<string, string>>(result.Model);
        Assert.IsType<Stacked<string>>(model.CandidateModel);
    }
}
