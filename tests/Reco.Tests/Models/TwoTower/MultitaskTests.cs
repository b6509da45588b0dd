using Reco.Layers;
using Reco.Models.Scoring;
using Reco.Tasks;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Models.TwoTower;

/// <summary>The two-tower model with a rating head (TFRS's multitask model) against an independent path and its own parts.</summary>
public class MultitaskTests
{
    private static readonly (string User, string Item, float Rating)[] Triples =
        [("u1", "i1", 4f), ("u2", "i2", 2f), ("u1", "i3", 5f), ("u3", "i1", 1f), ("u2", "i3", 3f), ("u1", "i2", 4f)];

    private static readonly string[] Users = ["u1", "u2", "u3"];
    private static readonly string[] Items = ["i1", "i2", "i3"];

    [Fact]
    public void RatingGradientsEqualThoseOfARankingModelOverTheConcatenatedEmbeddings()
    {
        var weights = Weights(seed: 3);
        var multitask = Multitask(weights, ratingWeight: 1f, retrievalWeight: 0f);
        var recorder = new RecordingOptimizer();
        multitask.Compile(recorder);
        multitask.Fit(Triples, batchSize: Triples.Length, epochs: 1);

        // The same model written as a ranking model: both embeddings concatenated, then the dense layers.
        var (user, item, layers) = Parts(weights);
        var ranking = new RankingModel<(string User, string Item)>(
            new Stacked<(string User, string Item)>(
                new Concatenate<(string User, string Item)>(
                    new Feature<(string User, string Item), string>(x => x.User, user),
                    new Feature<(string User, string Item), string>(x => x.Item, item)),
                layers),
            new Ranking());
        var expected = new RecordingOptimizer();
        ranking.Compile(expected);
        ranking.Fit([.. Triples.Select(t => ((t.User, t.Item), t.Rating))], batchSize: Triples.Length, epochs: 1);

        var actualVariables = Variables(multitask);
        var expectedVariables = ranking.Model.Variables;
        for (int v = 0; v < actualVariables.Count; v++)
        {
            AssertMatches(expected.GradientOf(expectedVariables[v]), recorder.GradientOf(actualVariables[v]), actualVariables[v].Name);
        }
    }

    [Fact]
    public void TheLossAndGradientsAreTheWeightedSumsOfTheTwoTasks()
    {
        var weights = Weights(seed: 4);
        (double Loss, double[][] Gradients) Step(float rating, float retrieval)
        {
            var model = Multitask(weights, rating, retrieval);
            var recorder = new RecordingOptimizer();
            model.Compile(recorder);
            double loss = model.Fit(Triples, batchSize: Triples.Length, epochs: 1)["loss"][0];
            return (loss, [.. Variables(model).Select(recorder.GradientOf)]);
        }

        var (ratingLoss, ratingGradients) = Step(1f, 0f);
        var (retrievalLoss, retrievalGradients) = Step(0f, 1f);
        var (mixedLoss, mixedGradients) = Step(0.5f, 2f);
        Assert.Equal((0.5 * ratingLoss) + (2 * retrievalLoss), mixedLoss, 3);
        for (int v = 0; v < mixedGradients.Length; v++)
        {
            var expected = ratingGradients[v].Select((g, i) => (0.5 * g) + (2 * retrievalGradients[v][i])).ToArray();
            AssertMatches(expected, mixedGradients[v], $"variable {v}");
        }
    }

    [Fact]
    public void EvaluatesBothTasksAndPredictsRatingsWithTheHead()
    {
        var model = Multitask(Weights(seed: 5), 1f, 1f);
        model.Compile(new Reco.Optimizers.Adagrad(0.1f));
        var history = model.Fit(Triples, batchSize: 4, epochs: 3, shuffle: true, seed: 1);
        Assert.Contains("rmse", history.Epochs[^1].Logs.Keys);
        var metrics = model.Evaluate(Triples, batchSize: 3);
        Assert.Equal(["loss", "rmse"], metrics.Keys.Order());

        var predictions = model.PredictRatings([.. Triples.Select(t => (t.User, t.Item))]);
        double rmse = Math.Sqrt(predictions.Select((p, i) => (p - Triples[i].Rating) * (p - Triples[i].Rating)).Average());
        Assert.Equal(rmse, metrics["rmse"], 4);
        Assert.Single(model.RatingModel, l => l.OutputDim == 1);
    }

    [Fact]
    public void RatingsNeedARatingHeadAndTheHeadOneOutput()
    {
        var (user, item, _) = Parts(Weights(seed: 6));
        var plain = new Reco.Models.TwoTower.TwoTowerModel<string, string>(user, item, new Retrieval());
        plain.Compile(new RecordingOptimizer());
        Assert.Contains("rating head", Assert.Throws<InvalidOperationException>(() => plain.Fit(Triples, 2)).Message);
        Assert.Throws<ArgumentException>(() => new Reco.Models.TwoTower.TwoTowerModel<string, string>(user, item, new Retrieval(), new Ranking(), [new Dense(2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Reco.Models.TwoTower.TwoTowerModel<string, string>(user, item, new Retrieval(), new Ranking(), [new Dense(1)], retrievalWeight: -1f));
    }

    private static double[][] Weights(int seed)
    {
        var random = new Random(seed);
        return [Uniform(random, 4 * 3), Uniform(random, 4 * 3), Uniform(random, 6 * 4), Uniform(random, 4), Uniform(random, 4), Uniform(random, 1)];
    }

    private static (Sequential<string> User, Sequential<string> Item, ILayer[] Layers) Parts(double[][] w) =>
        (TestData.Tower(Users, ToFloats(w[0]), 3),
         TestData.Tower(Items, ToFloats(w[1]), 3),
         [new Dense(6, 4, Activation.Linear, ToFloats(w[2]), ToFloats(w[3])), new Dense(4, 1, Activation.Linear, ToFloats(w[4]), ToFloats(w[5]))]);

    private static Reco.Models.TwoTower.TwoTowerModel<string, string> Multitask(double[][] weights, float ratingWeight, float retrievalWeight)
    {
        var (user, item, layers) = Parts(weights);
        return new Reco.Models.TwoTower.TwoTowerModel<string, string>(user, item, new Retrieval(), new Ranking(), layers, retrievalWeight, ratingWeight);
    }

    private static List<Variable> Variables(Reco.Models.TwoTower.TwoTowerModel<string, string> model) =>
        [.. model.QueryModel.Variables, .. model.CandidateModel.Variables, .. model.RatingModel.SelectMany(l => l.Variables)];
}
