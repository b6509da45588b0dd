using Reco.Data;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Models;
using Reco.Recipes;

namespace Reco.Tests.Recipes;

public class TrainAndEvaluateTests
{
    [Fact]
    public void NoSplitFitsOnAllTheDataAndMeasuresNothing()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 12, movies: 16, ratingsPerUser: 5, seed: 7));
        var result = TrainAndEvaluate.Run(data, AlgorithmOptions.ParseSpecification("item-knn:k=5"), split: " None ");

        Assert.Null(result.Fold);
        Assert.Null(result.Metrics);
        Assert.Same(data.Interactions, result.Model.TrainingData);
        Assert.Equal(0, result.EvaluationSeconds);
        Assert.Single(result.Epochs);
        Assert.Equal(5, ((Reco.Models.Neighbourhood.ItemKnn)result.Model).Options.K);
    }

    [Fact]
    public void ASplitFitsOnItsTrainingShareAndMeasuresItsTestShare()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 20, movies: 24, ratingsPerUser: 8, seed: 8));
        var result = TrainAndEvaluate.Run(data, AlgorithmOptions.ParseSpecification("item-knn:k=5"), split: "random:0.75", seed: 5);

        var (train, test) = InteractionSplits.Random(data.Interactions, 0.75, seed: 5);
        Assert.Equal(train.UserIndices.ToArray(), result.Fold!.Train.UserIndices.ToArray());
        Assert.Equal(train.ItemIndices.ToArray(), result.Fold.Train.ItemIndices.ToArray());
        Assert.Equal(test.ItemIndices.ToArray(), result.Fold.Test.ItemIndices.ToArray());
        Assert.Same(result.Fold.Train, result.Model.TrainingData);

        // The figures are every metric at k = 10, with genres for diversity, of the same model fitted here.
        var model = AlgorithmCatalog.Create("item-knn", ["k=5"]);
        model.Fit(train);
        var expected = Evaluator.Evaluate(model, test, new EvaluationOptions { Ks = [10], ItemVectors = data.CategoryVectors }).Metrics;
        Assert.Equal(expected, result.Metrics);
        Assert.Contains("diversity@10", result.Metrics!.Keys);
        Assert.Contains("rmse", result.Metrics.Keys);
    }

    [Fact]
    public void IterativeModelsReportTheirEpochsAndPredefinedFoldsAreUsed()
    {
        var folder = MovieLensFiles.Write(users: 12, movies: 16, ratingsPerUser: 5, seed: 9);
        MovieLensFiles.WriteFold(folder, "u1");
        var data = DataSet.LoadMovieLens(folder);
        var result = TrainAndEvaluate.Run(data, AlgorithmOptions.ParseSpecification("bpr:factors=4:epochs=3"), split: "u1");

        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(File.ReadAllLines(Path.Combine(folder, "u1.base")).Length, result.Fold!.Train.Count);
        Assert.Equal(File.ReadAllLines(Path.Combine(folder, "u1.test")).Length, result.Fold.Test.Count);
        Assert.Equal("u1", result.Fold.Name);
    }

    [Fact]
    public void SplitsThatDoNotHoldOutOneNonEmptyShareAreErrors()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 2, movies: 4, ratingsPerUser: 2, seed: 10));
        var popularity = AlgorithmOptions.ParseSpecification("popularity");

        // Four ratings: 0.9 of them rounds to all four.
        var empty = Assert.Throws<ArgumentException>(() => TrainAndEvaluate.Run(data, popularity, split: "random:0.9"));
        Assert.Equal("Fold random leaves no interactions for testing (4 for training); use a smaller training share or more data.", empty.Message);
        Assert.Contains("makes 2 folds", Assert.Throws<ArgumentException>(() => TrainAndEvaluate.Run(data, popularity, split: "kfold:2")).Message);
        Assert.Contains("nor predefined folds of this data, which has none", Assert.Throws<ArgumentException>(() => TrainAndEvaluate.Run(data, popularity, split: "u1")).Message);
        Assert.Throws<FormatException>(() => TrainAndEvaluate.Run(data, popularity, split: "random:0"));
    }
}
