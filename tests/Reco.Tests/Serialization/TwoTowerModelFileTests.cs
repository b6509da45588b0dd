using Reco.Data;
using Reco.Deployment;
using Reco.Layers;
using Reco.Models;
using Reco.Optimizers;
using Reco.Serialization;
using Reco.Tasks;

namespace Reco.Tests.Serialization;

public class TwoTowerModelFileTests
{
    private static (TwoTowerModel<string, string> Model, (string User, string Item)[] Data) Trained()
    {
        var data = TestData.ClusteredInteractions(12, 20, 2, 8, seed: 6);
        RandomSeed.Set(6);
        var users = new StringLookup();
        users.Adapt(data.Select(p => p.User));
        var items = new StringLookup();
        items.Adapt(data.Select(p => p.Item));
        var model = new TwoTowerModel<string, string>(
            new Sequential<string>(users, new Embedding(users.VocabularySize, 4)),
            new Sequential<string>(items, new Embedding(items.VocabularySize, 4)),
            new Retrieval(temperature: 0.5f));
        model.Compile(new Adagrad(0.3f));
        model.Fit(data, 32, epochs: 2);
        return (model, data);
    }

    [Fact]
    public void SavedModelAnswersExactlyAsTheOriginal()
    {
        var (model, data) = Trained();
        var dir = Path.Combine(TestData.TempDirectory(), "m");
        var items = data.Select(p => p.Item).Distinct().ToArray();
        model.Save(dir, Catalogue.FromItems(items, data.Select(p => p.Item)), new Dictionary<string, string> { ["note"] = "x" });

        var loaded = TwoTowerModelFile.Load(dir);

        Assert.Equal(model.QueryModel.Embedding.Weights.ToArray(), loaded.Model.QueryModel.Embedding.Weights.ToArray());
        Assert.Equal(model.CandidateModel.Embedding.Weights.ToArray(), loaded.Model.CandidateModel.Embedding.Weights.ToArray());
        Assert.Equal(((StringLookup)model.QueryModel.Lookup).GetVocabulary(), ((StringLookup)loaded.Model.QueryModel.Lookup).GetVocabulary());
        Assert.Equal(0.5f, loaded.Model.Task.Temperature);
        Assert.Equal(items, loaded.Catalogue.Items);
        Assert.Equal("x", loaded.Metadata["note"]);
        Assert.Equal(model.Evaluate(data)["loss"], loaded.Model.Evaluate(data)["loss"], 6);
    }

    [Fact]
    public void RecommenderFallsBackToPopularItemsForUnknownUsers()
    {
        var (model, data) = Trained();
        var dir = Path.Combine(TestData.TempDirectory(), "m");
        var items = data.Select(p => p.Item).Distinct().ToArray();
        model.Save(dir, Catalogue.FromItems(items, data.Select(p => p.Item)));
        var recommender = RecommendationService.Load(dir);

        var known = recommender.Recommend("u1", 3);
        Assert.Null(known.Fallback);
        Assert.Equal(3, known.Items.Count);
        Assert.True(known.Scores[0] >= known.Scores[1] && known.Scores[1] >= known.Scores[2]);

        var unknown = recommender.Recommend("nobody", 3);
        Assert.NotNull(unknown.Fallback);
        Assert.Contains("nobody", unknown.Fallback);
        var popular = data.GroupBy(p => p.Item).OrderByDescending(g => g.Count()).ThenBy(g => Array.IndexOf(items, g.Key)).Take(3).Select(g => g.Key);
        Assert.Equal(popular, unknown.Items);
    }

    [Fact]
    public void CorruptWeightsAreDetectedOnLoad()
    {
        var (model, data) = Trained();
        var dir = Path.Combine(TestData.TempDirectory(), "m");
        model.Save(dir, Catalogue.FromItems(data.Select(p => p.Item), data.Select(p => p.Item)));
        var weights = Path.Combine(ModelDirectory.CurrentFolder(dir), "query_embeddings.f32");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..^7]);
        var error = Assert.Throws<CorruptModelException>(() => TwoTowerModelFile.Load(dir));
        Assert.Contains("query_embeddings.f32", error.Message);
    }
}
