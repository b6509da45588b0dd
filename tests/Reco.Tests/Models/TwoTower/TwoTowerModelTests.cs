using Reco.Data;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Tests.Models.TwoTower;

[Collection(GlobalRandomSeed.Name)]
public class TwoTowerModelTests
{
    private static TwoTowerModel<string, string> Build((string User, string Item)[] data, int dim, int seed)
    {
        RandomSeed.Set(seed);
        var users = new StringLookup();
        users.Adapt(data.Select(p => p.User));
        var itemNames = data.Select(p => p.Item).Distinct().ToArray();
        var items = new StringLookup();
        items.Adapt(itemNames);
        var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, dim));
        var itemModel = new Sequential<string>(items, new Embedding(items.VocabularySize, dim));
        var model = new TwoTowerModel<string, string>(userModel, itemModel, new Retrieval(new FactorizedTopK<string>(itemNames, itemModel, [1, 5, 10])));
        model.Compile(new Adagrad(0.5f));
        return model;
    }

    [Fact]
    public void LearnsClusteredPreferences()
    {
        var data = TestData.ClusteredInteractions(users: 40, items: 60, clusters: 4, perUser: 20, seed: 1);
        var model = Build(data, dim: 8, seed: 1);
        var before = model.Evaluate(data, 256)["factorized_top_k@10"];

        var history = model.Fit(data, batchSize: 128, epochs: 15);

        var after = model.Evaluate(data, 256);

        // 15 of the 60 items belong to each user's cluster, so a model that learned the clusters puts
        // the positive in the top 10 far more often than the untrained one.
        Assert.True(after["factorized_top_k@10"] > 0.5, $"top-10 {after["factorized_top_k@10"]}");
        Assert.True(after["factorized_top_k@10"] > before + 0.2);
        Assert.True(history["loss"][^1] < history["loss"][0]);
        Assert.Equal(15, history.Epochs.Count);
    }

    [Fact]
    public void SameSeedGivesTheSameRun()
    {
        var data = TestData.ClusteredInteractions(20, 30, 3, 10, seed: 2);
        var first = Build(data, 4, seed: 9).Fit(data, 64, epochs: 3, shuffle: true, seed: 5);
        var second = Build(data, 4, seed: 9).Fit(data, 64, epochs: 3, shuffle: true, seed: 5);
        Assert.Equal(first["loss"], second["loss"]);
        Assert.Equal(first["factorized_top_k@5"], second["factorized_top_k@5"]);
    }

    [Fact]
    public void ReportsEveryBatchAndEpochToCallbacks()
    {
        var data = TestData.ClusteredInteractions(10, 10, 2, 10, seed: 3);
        var model = Build(data, 4, seed: 3);
        var recorder = new Recorder();
        model.Fit(data, batchSize: 30, epochs: 2, callbacks: [recorder]);
        Assert.Equal(new TrainingPlan(2, 4, 100), recorder.Plan);
        Assert.Equal(8, recorder.Batches.Count);
        Assert.Equal([1, 2, 3, 4, 1, 2, 3, 4], recorder.Batches.Select(b => b.Step));
        Assert.Equal(100, recorder.Batches[3].Examples);
        Assert.Equal(2, recorder.Epochs.Count);
        Assert.Equal(recorder.Batches[3].Logs["loss"], recorder.Epochs[0].Logs["loss"], 9);
    }

    [Fact]
    public void FitBeforeCompileAndEmptyDataAreClearErrors()
    {
        var data = TestData.ClusteredInteractions(4, 4, 2, 2, seed: 4);
        var users = new StringLookup(data.Select(p => p.User).Distinct());
        var items = new StringLookup(data.Select(p => p.Item).Distinct());
        var model = new TwoTowerModel<string, string>(
            new Sequential<string>(users, new Embedding(users.VocabularySize, 4)),
            new Sequential<string>(items, new Embedding(items.VocabularySize, 4)),
            new Retrieval());
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(data, 4));
        Assert.Contains("Compile", error.Message);
        model.Compile(new Sgd());
        Assert.Throws<ArgumentException>(() => model.Fit(Array.Empty<(string, string)>(), 4));
    }

    [Fact]
    public void TowersMustAgreeOnDimensionAndMetricTower()
    {
        var users = new StringLookup(["a"]);
        var items = new StringLookup(["x"]);
        var userModel = new Sequential<string>(users, new Embedding(2, 4));
        var itemModel = new Sequential<string>(items, new Embedding(2, 8));
        Assert.Throws<ArgumentException>(() => new TwoTowerModel<string, string>(userModel, itemModel, new Retrieval()));

        var sameDim = new Sequential<string>(items, new Embedding(2, 4));
        var otherTower = new Sequential<string>(items, new Embedding(2, 4));
        Assert.Throws<ArgumentException>(() => new TwoTowerModel<string, string>(userModel, sameDim, new Retrieval(new FactorizedTopK<string>(["x"], otherTower))));
    }

    private sealed class Recorder : TrainingCallback
    {
        public TrainingPlan? Plan { get; private set; }

        public List<BatchLog> Batches { get; } = [];

        public List<EpochLog> Epochs { get; } = [];

        public override void OnTrainBegin(TrainingPlan plan) => Plan = plan;

        public override void OnBatchEnd(BatchLog log) => Batches.Add(log);

        public override void OnEpochEnd(EpochLog log) => Epochs.Add(log);
    }
}
