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
        var weights = Path.Combine(model, "candidate_embeddings.f32");
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
}
