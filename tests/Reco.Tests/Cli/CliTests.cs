using System.Text.Json.Nodes;

namespace Reco.Tests.Cli;

public class CliTests
{
    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public async Task QuickstartRunsEndToEndAndWritesTheJsonReport()
    {
        var data = MovieLensFiles.Write();
        var json = Path.Combine(TestData.TempDirectory(), "quickstart.json");

        var (code, output, error) = await Run("quickstart", "--data-dir", data, "--batch-size", "64", "--epochs", "2", "--user", "3", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("Loaded 360 ratings and 40 movies", output);
        Assert.Contains("Epoch 2/2", output);
        Assert.Matches(@"Top 3 recommendations for user 3: \[[^,\]]+, [^,\]]+, [^,\]]+\]", output);

        var report = JsonNode.Parse(File.ReadAllText(json))!;
        foreach (var k in new[] { "top_1", "top_5", "top_10", "top_50", "top_100" })
        {
            double value = (double)report["metrics"]![k]!;
            Assert.InRange(value, 0, 1);
        }

        Assert.Equal(2, report["epochs"]!.AsArray().Count);
        Assert.NotNull(report["epochs"]![1]!["loss"]);
        Assert.NotNull(report["epochs"]![1]!["top_100"]);
        Assert.True((double)report["timings"]!["train_seconds"]! > 0);
        Assert.NotNull(report["timings"]!["eval_seconds"]);
        Assert.Equal("3", (string?)report["recommendations"]!["user"]);
        Assert.Equal(3, report["recommendations"]!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task TrainSavesAModelThatRecommendAnswersFrom()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var json = Path.Combine(TestData.TempDirectory(), "train.json");

        var train = await Run("train", "two-tower", "--data-dir", data, "--split", "random:0.8", "--seed", "42", "--embedding-dim", "8",
            "--optimizer", "adagrad:0.1", "--batch-size", "64", "--eval-batch-size", "32", "--epochs", "2", "--save", model, "--json", json);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("288 train, 72 test", train.Output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.InRange((double)report["metrics"]!["top_100"]!, 0, 1);
        Assert.Equal(2, report["epochs"]!.AsArray().Count);

        var known = await Run("recommend", "--model", model, "--user", "5", "-k", "3");
        Assert.True(known.Code == 0, known.Error);
        Assert.Contains("Top 3 recommendations for user 5: [", known.Output);
        Assert.Equal(string.Empty, known.Error);

        var unknown = await Run("recommend", "--model", model, "--user", "no-such-user", "-k", "2");
        Assert.Equal(0, unknown.Code);
        Assert.Contains("not among the 30 users", unknown.Error);
        Assert.Contains("most popular", unknown.Error);
        Assert.Contains("Top 2 recommendations for user no-such-user: [", unknown.Output);
    }

    [Fact]
    public async Task CorruptModelIsAClearError()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Equal(0, (await Run("quickstart", "--data-dir", data, "--batch-size", "64", "--epochs", "1", "--save", model)).Code);
        var weights = Path.Combine(Reco.Serialization.ModelDirectory.CurrentFolder(model), "candidate_embeddings.f32");
        var bytes = File.ReadAllBytes(weights);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var (code, _, error) = await Run("recommend", "--model", model, "--user", "1");
        Assert.Equal(1, code);
        Assert.Contains("candidate_embeddings.f32", error);
        Assert.Contains("corrupt", error);
    }

    [Fact]
    public async Task MalformedRatingNamesTheFileAndLine()
    {
        var data = MovieLensFiles.Write();
        var lines = File.ReadAllLines(Path.Combine(data, "u.data"));
        lines[6] = "7\tnot-a-number\t3\t881250949";
        File.WriteAllLines(Path.Combine(data, "u.data"), lines);

        var (code, _, error) = await Run("quickstart", "--data-dir", data);
        Assert.Equal(1, code);
        Assert.Contains("u.data", error);
        Assert.Contains("line 7", error);
    }

    [Fact]
    public async Task MissingDataFolderSaysHowToGetTheData()
    {
        var (code, _, error) = await Run("quickstart", "--data-dir", Path.Combine(TestData.TempDirectory(), "nowhere"));
        Assert.Equal(1, code);
        Assert.Contains("reco datasets download ml-100k", error);
    }

    [Fact]
    public async Task BadOptionValuesAreRejectedBeforeAnyWork()
    {
        var data = MovieLensFiles.Write();
        Assert.Contains("random:FRACTION", (await Run("train", "two-tower", "--data-dir", data, "--split", "temporal")).Error);
        Assert.Contains("Unknown optimizer", (await Run("train", "two-tower", "--data-dir", data, "--optimizer", "rmsprop:1")).Error);
        Assert.NotEqual(0, (await Run("train", "two-tower", "--data-dir", data, "--epochs", "0")).Code);
        Assert.NotEqual(0, (await Run("train", "matrix-magic", "--data-dir", data)).Code);
    }

    [Fact]
    public async Task TrainHelpListsEveryAlgorithmWithItsDefaults()
    {
        var (code, output, _) = await Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var name in new[] { "popularity", "random", "baseline", "content", "user-knn", "item-knn", "biased-mf", "svdpp", "als", "bpr", "ease", "two-tower" })
        {
            Assert.Contains($"  {name}: ", output);
        }

        Assert.Contains("lambda=500", output);
        Assert.Contains("similarity=cosine", output);
    }

    [Fact]
    public async Task ClassicModelsTrainSaveRecommendAndFindSimilarItems()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var json = Path.Combine(TestData.TempDirectory(), "train.json");

        var train = await Run("train", "item-knn", "-o", "k=10", "--option", "centering=baseline", "--data-dir", data, "--save", model, "--json", json);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("288 train, 72 test", train.Output);
        Assert.Contains("rmse", train.Output);
        Assert.Contains("precision@10", train.Output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.InRange((double)report["metrics"]!["rmse"]!, 0, 4);
        Assert.InRange((double)report["metrics"]!["precision@10"]!, 0, 1);
        Assert.NotNull(report["timings"]!["train_seconds"]);
        Assert.Equal("10", (string?)report["config"]!["k"]);

        var known = await Run("recommend", "--model", model, "--user", "5", "-k", "3");
        Assert.True(known.Code == 0, known.Error);
        Assert.Matches(@"Top 3 recommendations for user 5: \[Movie \d+ \(1995\)", known.Output);
        Assert.Equal(string.Empty, known.Error);

        var unknown = await Run("recommend", "--model", model, "--user", "nobody", "-k", "2");
        Assert.Equal(0, unknown.Code);
        Assert.Contains("not among the 30 users", unknown.Error);

        var similar = await Run("similar", "--model", model, "--item", "3", "-k", "2");
        Assert.True(similar.Code == 0, similar.Error);
        Assert.Contains("Items most similar to 3 (Movie 3 (1995))", similar.Output);

        var missing = await Run("similar", "--model", model, "--item", "999");
        Assert.Equal(1, missing.Code);
        Assert.Contains("'999'", missing.Error);
    }

    [Fact]
    public async Task IterativeModelsPrintEpochsAndRejectUnknownOptions()
    {
        var data = MovieLensFiles.Write();
        var train = await Run("train", "biased-mf", "-o", "factors=4", "-o", "epochs=3", "--data-dir", data);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("Epoch 3/3", train.Output);

        var bad = await Run("train", "als", "-o", "colour=blue", "--data-dir", data);
        Assert.Equal(1, bad.Code);
        Assert.Contains("not an option of als", bad.Error);

        var content = await Run("train", "content", "--data-dir", data, "--save", Path.Combine(TestData.TempDirectory(), "content"));
        Assert.True(content.Code == 0, content.Error);
    }

    [Fact]
    public async Task EvaluateAndCompareAcceptClassicModels()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "ease");
        Assert.Equal(0, (await Run("train", "ease", "-o", "lambda=5", "--data-dir", data, "--save", model)).Code);

        var evaluate = await Run("evaluate", "--model", model, "--data-dir", data, "--protocol", "random:0.8");
        Assert.True(evaluate.Code == 0, evaluate.Error);
        Assert.Contains("saved:ease", evaluate.Output);

        var compare = await Run("compare", "--models", "content,item-knn", "--data-dir", data, "--protocol", "random:0.8");
        Assert.True(compare.Code == 0, compare.Error);
        Assert.Contains("| content |", compare.Output);
    }
}
