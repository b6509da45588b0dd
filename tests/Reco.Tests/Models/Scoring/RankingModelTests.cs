using Reco.Data;
using Reco.Layers;
using Reco.Losses;
using Reco.Metrics;
using Reco.Models.Scoring;
using Reco.Optimizers;
using Reco.Tasks;

namespace Reco.Tests.Models.Scoring;

public class RankingModelTests
{
    /// <summary>Ratings that depend on the user's and the item's group: 5 when they match, 1 otherwise.</summary>
    private static ((string User, string Item) Input, float Label)[] Ratings(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 600).Select(_ => (random.Next(20), random.Next(30))).Select(p => ((User: $"u{p.Item1}", Item: $"i{p.Item2}"), p.Item1 % 2 == p.Item2 % 2 ? 5f : 1f))];
    }

    private static RankingModel<(string User, string Item)> Model(int seed, Ranking? task = null)
    {
        var users = new StringLookup(Enumerable.Range(0, 20).Select(u => $"u{u}"));
        var items = new StringLookup(Enumerable.Range(0, 30).Select(i => $"i{i}"));
        var tower = new Stacked<(string User, string Item)>(
            new Concatenate<(string User, string Item)>(
                new Feature<(string User, string Item), string>(x => x.User, new Sequential<string>(users, new Embedding(users.VocabularySize, 4, seed: seed))),
                new Feature<(string User, string Item), string>(x => x.Item, new Sequential<string>(items, new Embedding(items.VocabularySize, 4, seed: seed + 1)))),
            new Dense(16, Activation.Relu, seed: seed + 2),
            new Dense(1, seed: seed + 3));
        return new RankingModel<(string User, string Item)>(tower, task ?? new Ranking(), (user, item) => (user, item));
    }

    [Fact]
    public void LearnsRatingsAndEvaluatesWhatItPredicts()
    {
        var data = Ratings(1);
        var model = Model(1);
        model.Compile(new Adam(0.01f));
        var history = model.Fit(data, batchSize: 64, epochs: 40, shuffle: true, seed: 3);
        var metrics = model.Evaluate(data, batchSize: 100);

        // Predicting the mean rating, 3, would be 2 off every time.
        Assert.True(metrics["rmse"] < 1.0, $"rmse {metrics["rmse"]}");
        Assert.True(history["rmse"][^1] < history["rmse"][0]);
        var predictions = model.Predict([.. data.Select(d => d.Input)]);
        double rmse = Math.Sqrt(predictions.Select((p, i) => (p - data[i].Label) * (p - data[i].Label)).Average());
        Assert.Equal(rmse, metrics["rmse"], 4);
        Assert.Equal(rmse * rmse, metrics["loss"], 3);
    }

    [Fact]
    public void ListwiseTrainingImprovesNdcg()
    {
        var random = new Random(2);
        var lists = Enumerable.Range(0, 300).Select(_ =>
        {
            int user = random.Next(20);
            var items = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(4).ToArray();
            return (Items: items.Select(i => ($"u{user}", $"i{i}")).ToArray(), Labels: items.Select(i => user % 2 == i % 2 ? 5f : (float)(1 + (i % 3))).ToArray());
        }).ToArray();
        var model = Model(5, new Ranking(new ListMleLoss(1), [new Ndcg()]));
        model.Compile(new Adagrad(0.1f));
        double before = model.EvaluateLists(lists)["ndcg@4"];
        model.FitLists(lists, batchSize: 32, epochs: 20, shuffle: true, seed: 1);
        double after = model.EvaluateLists(lists)["ndcg@4"];
        Assert.True(after > before + 0.05, $"NDCG {before} → {after}");
    }

    [Fact]
    public void IsARatingPredictorOverInteractions()
    {
        var data = Ratings(3);
        var interactions = Interactions.From(data.Select(d => (d.Input.User, d.Input.Item, d.Label, 0L)));
        var model = Model(7);
        model.Compile(new Adam(0.01f));
        var recommender = (Reco.Models.IRatingPredictor)model;
        recommender.Fit(interactions);
        var scores = new float[interactions.ItemCount];
        recommender.ScoreItems(0, scores);
        Assert.Equal(recommender.Predict(0, 3), scores[3], 5);
        Assert.Same(interactions, recommender.TrainingData);
    }

    [Fact]
    public void RefusesMisuse()
    {
        var model = Model(9);
        Assert.Contains("Compile", Assert.Throws<InvalidOperationException>(() => model.Fit(Ratings(1), 10)).Message);
        model.Compile(new Sgd());
        Assert.Throws<ArgumentException>(() => model.Fit([], 10));
        Assert.Throws<ArgumentException>(() => model.FitLists([([("u1", "i1")], [1f, 2f])], 10));
        var lookup = new StringLookup(["a"]);
        Assert.Contains("Dense(1)", Assert.Throws<ArgumentException>(() => new RankingModel<string>(new Sequential<string>(lookup, new Embedding(2, 3, seed: 1)), new Ranking())).Message);
        Assert.Throws<InvalidOperationException>(() => new RankingModel<string>(new Sequential<string>(lookup, new Embedding(2, 1, seed: 1)), new Ranking()).Predict(0, 0));
    }
}
