using Reco.Data;
using Reco.Data.Splits;
using Reco.Optimizers;
using Reco.Recipes;

namespace Reco.Tests.Recipes;

[Collection(GlobalRandomSeed.Name)]
public class BasicRetrievalTests
{
    private static readonly BasicRetrievalOptions Fast = new()
    {
        Split = "random:0.8",
        Seed = 7,
        EmbeddingDim = 8,
        Optimizer = new OptimizerSettings(OptimizerKind.Adagrad, 0.1f),
        BatchSize = 64,
        EvalBatchSize = 50,
        Epochs = 2,
    };

    [Fact]
    public void TheHeldOutRowsAreThoseOfTheSeededRandomSplit()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 30, movies: 40, ratingsPerUser: 12, seed: 5)).Interactions;
        var result = BasicRetrieval.Run(data, Fast);

        var (train, test) = InteractionSplits.Random(data, 0.8, seed: 7);
        Assert.Equal((train.Count, test.Count), (result.TrainRows, result.TestRows));

        // Trained on the training share's (user id, title) rows, in that order …
        var trained = result.Model.TrainingData!;
        Assert.Equal(Pairs(train), Enumerable.Range(0, trained.Count).Select(r => (trained.Users[trained.UserIndices[r]], trained.Items[trained.ItemIndices[r]])));

        // … and evaluated on the test share's: evaluating those again gives the same figures.
        Assert.Equal(result.Evaluation, result.Model.Evaluate(Pairs(test), batchSize: 50));
        Assert.Equal(2, result.History.Epochs.Count);
        Assert.Contains("factorized_top_k@100", result.Evaluation.Keys);
    }

    [Fact]
    public void ProtocolsThatDoNotHoldOutOneShareAreErrors()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 4, movies: 6, ratingsPerUser: 3, seed: 6)).Interactions;
        Assert.Contains("makes 3 folds", Assert.Throws<ArgumentException>(() => BasicRetrieval.Run(data, Fast with { Split = "kfold:3" })).Message);

        // 12 ratings: 0.99 of them rounds to all 12, leaving nothing to test on.
        var empty = Assert.Throws<ArgumentException>(() => BasicRetrieval.Run(data, Fast with { Split = "random:0.99" }));
        Assert.Contains("leaves no interactions for testing", empty.Message);
        Assert.Throws<FormatException>(() => BasicRetrieval.Run(data, Fast with { Split = "random:2" }));
    }

    private static (string, string)[] Pairs(Interactions rows) =>
        [.. Enumerable.Range(0, rows.Count).Select(r => (rows.Users[rows.UserIndices[r]], rows.Items.LabelOf(rows.ItemIndices[r])))];
}
