using Reco.Data;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models.Baselines;
using Reco.Serving;
using Reco.Tests.Models;

namespace Reco.Tests.Serving;

public class SavedModelEvaluationTests
{
    private static readonly EvaluationOptions Options = new() { Ks = [3, 5] };

    [Fact]
    public void TestRowsTheModelTrainedOnAreCountedAndRefused()
    {
        var (data, service) = ModelOnARandomShare();
        var folds = Protocol.Parse("random:0.8", seed: 2).Folds(data).ToArray();
        long overlap = OverlapByHand(service.Model.TrainingData!, folds[0].Test);
        Assert.InRange(overlap, 1, folds[0].Test.Count - 1);
        Assert.Equal(overlap, SavedModelEvaluation.Overlap(service, folds[0].Test));

        var error = Assert.Throws<ArgumentException>(() => SavedModelEvaluation.Run(service, folds, Options, allowOverlap: false, "popularity"));
        Assert.StartsWith($"{overlap:N0} of the {folds[0].Test.Count:N0} test interactions of fold random are interactions the model was trained on", error.Message);
        Assert.Contains("--allow-overlap", error.Message);
    }

    [Fact]
    public void AllowingOverlapMeasuresAndSaysHowMuch()
    {
        var (data, service) = ModelOnARandomShare();
        var fold = Protocol.Parse("random:0.8", seed: 2).Folds(data).Single();
        var result = SavedModelEvaluation.Run(service, [fold], Options, allowOverlap: true, "saved");

        Assert.Equal(OverlapByHand(service.Model.TrainingData!, fold.Test), result.OverlappingRows);
        Assert.Equal(fold.Test.Count, result.TestRows);
        Assert.Equal("saved", result.Result.Model);
        Assert.Equal("random", Assert.Single(result.Result.Folds).Fold);

        // The figures are those of the model's scores with the fold's training share as what users have seen.
        var counts = new float[data.ItemCount];
        foreach (int item in service.Model.TrainingData!.ItemIndices)
        {
            counts[item]++;
        }

        var expected = Evaluator.Evaluate((_, scores) => counts.CopyTo(scores), fold.Train, fold.Test, Options);
        Assert.Equal(expected.Metrics, result.Result.Folds[0].Result.Metrics);
    }

    [Fact]
    public void TheSameProtocolAsTheModelsHasNoOverlap()
    {
        var (data, service) = ModelOnARandomShare();
        var result = SavedModelEvaluation.Run(service, [.. Protocol.Parse("random:0.7", seed: 1).Folds(data)], Options, allowOverlap: false, "saved");
        Assert.Equal(0, result.OverlappingRows);
    }

    [Fact]
    public void OverlapIsFoundThroughLabelsToo()
    {
        // The model was trained on titles; the evaluation data names items by id with the titles as labels.
        var byTitle = ClassicData.Of(("u1", "Heat", 4), ("u1", "Alien", 3), ("u2", "Heat", 5));
        var service = new RecommendationService(ServingData.Fitted(new Popularity(), byTitle));
        var byId = ClassicData.Of(("u1", "10", 4), ("u2", "11", 2), ("u2", "10", 5), ("u3", "10", 1));
        byId.Items.SetLabel(0, "Heat");
        byId.Items.SetLabel(1, "Alien");

        // (u1, Heat) and (u2, Heat) were training rows; (u2, Alien) and (u3, Heat) were not.
        Assert.Equal(2, SavedModelEvaluation.Overlap(service, byId));
    }

    [Fact]
    public void DataWhoseItemsTheModelDoesNotKnowIsAnError()
    {
        var (_, service) = ModelOnARandomShare();
        var other = ClassicData.Of(("u1", "x1", 4), ("u2", "x2", 3), ("u3", "x1", 5), ("u1", "x3", 2), ("u2", "x1", 1));
        var fold = new Fold("other", other.Subset([0, 1, 2]), other.Subset([3, 4]));
        var error = Assert.Throws<ArgumentException>(() => SavedModelEvaluation.Run(service, [fold], Options, allowOverlap: true, "saved"));
        Assert.Equal($"None of the test items is an item of the model (the model's look like '{service.TrainingData.Items[0]}', the data's like 'x3'): the data names items differently from what the model was trained on.", error.Message);

        var empty = new Fold("empty", other, other.Subset([]));
        Assert.Contains("leaves no interactions for testing", Assert.Throws<ArgumentException>(() => SavedModelEvaluation.Run(service, [empty], Options, allowOverlap: true, "saved")).Message);
    }

    private static (Interactions Data, RecommendationService Service) ModelOnARandomShare()
    {
        var data = ClassicData.Clustered(users: 30, items: 20, perUser: 8, seed: 7);
        var (train, _) = InteractionSplits.Random(data, 0.7, seed: 1);
        return (data, new RecommendationService(ServingData.Fitted(new Popularity(), train)));
    }

    /// <summary>Test rows whose (user id, item id) pair is a training row of the model.</summary>
    private static long OverlapByHand(Interactions train, Interactions test)
    {
        var pairs = Enumerable.Range(0, train.Count).Select(r => (train.Users[train.UserIndices[r]], train.Items[train.ItemIndices[r]])).ToHashSet();
        return Enumerable.Range(0, test.Count).Count(r => pairs.Contains((test.Users[test.UserIndices[r]], test.Items[test.ItemIndices[r]])));
    }
}
