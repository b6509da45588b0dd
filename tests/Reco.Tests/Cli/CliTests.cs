using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reco.Tests.Cli;

[Collection(GlobalRandomSeed.Name)]
public class CliTests
{
    [Fact]
    public void ErrorsAreOneLineWithoutTheParameterNameDotNetAppends()
    {
        Assert.Equal("Item 0 has a value that is not a finite number.", Reco.Cli.Commands.CliContext.Describe(new ArgumentException("Item 0 has a value that is not a finite number.", "items")));
        Assert.Equal("a b", Reco.Cli.Commands.CliContext.Describe(new ArgumentException("a\nb")));
        Assert.EndsWith("(an unexpected failure; set RECO_DEBUG=1 to see where it happened)", Reco.Cli.Commands.CliContext.Describe(new InvalidOperationException("x")));
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public async Task QuickstartRunsEndToEndAndWritesTheJsonReport()
    {
        var data = MovieLensFiles.Write();
        var json = Path.Combine(TestData.TempDirectory(), "quickstart.json");

        var (code, output, error) = await Run("quickstart", "--data-dir", data, "--batch-size", "64", "--epochs", "2", "--user", "3", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("Loaded 360 interactions of 30 users and 40 items", output);
        Assert.Contains("Epoch 2/2", output);
        Assert.Matches(@"Top 3 recommendations for user 3: \[[^,\]]+, [^,\]]+, [^,\]]+\]", output);

        var report = JsonNode.Parse(File.ReadAllText(json))!;
        foreach (var k in new[] { 1, 5, 10, 50, 100 })
        {
            Assert.InRange((double)report["metrics"]![$"factorized_top_k@{k}"]!, 0, 1);
        }

        Assert.Equal(2, report["epochs"]!.AsArray().Count);
        Assert.NotNull(report["epochs"]![1]!["loss"]);
        Assert.NotNull(report["epochs"]![1]!["factorized_top_k@100"]);
        Assert.True((double)report["timings"]!["train_seconds"]! > 0);
        Assert.NotNull(report["timings"]!["eval_seconds"]);
        Assert.Equal("3", (string?)report["recommendations"]!["user"]);
        Assert.Equal(3, report["recommendations"]!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task TheBasicRetrievalTutorialSavesAModelThatRecommendAnswersFrom()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var json = Path.Combine(TestData.TempDirectory(), "train.json");

        var train = await Run("tutorial", "basic-retrieval", "--data-dir", data, "--split", "random:0.8", "--seed", "42", "--embedding-dim", "8",
            "--optimizer", "adagrad:0.1", "--batch-size", "64", "--eval-batch-size", "32", "--epochs", "2", "--save", model, "--json", json);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("288 train, 72 test", train.Output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.InRange((double)report["metrics"]!["factorized_top_k@100"]!, 0, 1);
        Assert.Equal(2, report["epochs"]!.AsArray().Count);

        // The tutorial's candidates are titles, so the saved model's items are titles.
        var known = await Run("recommend", "--model", model, "--user", "5", "-k", "3");
        Assert.True(known.Code == 0, known.Error);
        Assert.Contains("Top 3 recommendations for user 5:", known.Output);
        Assert.Matches(@"  1\. +-?\d+\.\d{4} +Movie \d+ \(1995\)", known.Output);
        Assert.Equal(string.Empty, known.Error);

        var unknown = await Run("recommend", "--model", model, "--user", "no-such-user", "-k", "2");
        Assert.Equal(0, unknown.Code);
        Assert.Contains("not among the 30 users", unknown.Error);
        Assert.Contains("most popular", unknown.Error);
        Assert.Contains("Top 2 recommendations for user no-such-user:", unknown.Output);
    }

    [Fact]
    public async Task CorruptModelIsAClearError()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Equal(0, (await Run("quickstart", "--data-dir", data, "--batch-size", "64", "--epochs", "1", "--save", model)).Code);
        var weights = Path.Combine(Reco.Serialization.ModelDirectory.CurrentFolder(model), "param.candidate.embeddings.f32");
        var bytes = File.ReadAllBytes(weights);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var (code, _, error) = await Run("recommend", "--model", model, "--user", "1");
        Assert.Equal(1, code);
        Assert.Contains("param.candidate.embeddings.f32", error);
        Assert.Contains("corrupt", error);
    }

    [Fact]
    public async Task MalformedRatingNamesTheFileAndLine()
    {
        var data = MovieLensFiles.Write();
        var lines = File.ReadAllLines(Path.Combine(data, "u.data"));
        lines[6] = "7\t3\tfive\t881250949";
        File.WriteAllLines(Path.Combine(data, "u.data"), lines);

        var (code, _, error) = await Run("quickstart", "--data-dir", data);
        Assert.Equal(1, code);
        Assert.Contains("u.data line 7", error);
        Assert.Contains("'five'", error);
    }

    [Fact]
    public async Task MissingDataFolderSaysHowToGetTheData()
    {
        var (code, _, error) = await Run("quickstart", "--data-dir", Path.Combine(TestData.TempDirectory(), "nowhere"));
        Assert.Equal(1, code);
        Assert.Contains("reco datasets download ml-100k", error);
    }

    [Fact]
    public async Task BadOptionValuesAreOneLineErrorsBeforeAnyWork()
    {
        var data = MovieLensFiles.Write();
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["train", "two-tower", "--data-dir", data, "--split", "bogus:1"], "random:FRACTION"),
            (["train", "two-tower", "--data-dir", data, "-o", "optimizer=rmsprop:1"], "'rmsprop' is not an optimizer"),
            (["train", "two-tower", "--data-dir", data, "-o", "epochs=0"], "must be at least 1"),
            (["train", "als", "--data-dir", data, "-o", "factors=4", "-o", "factors=8"], "given twice"),
            (["train", "als", "--data-dir", data, "-o", "reg=-1"], "reg of als is -1"),
            (["train", "bpr", "--data-dir", data, "-o", "lr=1e39"], "lr=1e39 of bpr must be a finite number"),
            (["train", "matrix-magic", "--data-dir", data], "matrix-magic"),
            (["quickstart", "--data-dir", data, "--epochs", "x"], "--epochs 'x' is not a whole number"),
            (["quickstart", "--data-dir", data, "--learning-rate", "NaN"], "--learning-rate 'NaN' is not a finite number"),
            (["recommend", "--model", data, "--user", "1", "-k", "abc"], "-k 'abc' is not a whole number"),
            (["datasets", "info", data, "--top", "0"], "--top must be at least 1"),
        })
        {
            var (code, output, error) = await Run(args);
            Assert.True(code == 1, $"{string.Join(' ', args)}: exit {code}");
            Assert.Contains(expected, error);
            Assert.DoesNotContain("Loaded", output);
            Assert.DoesNotContain("   at ", error);
            Assert.True(error.Trim().Split('\n').Length <= 2, $"{string.Join(' ', args)} printed: {error}");
        }
    }

    [Fact]
    public async Task TrainHelpListsEveryAlgorithmWithItsDefaults()
    {
        var (code, output, _) = await Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var algorithm in Reco.Models.AlgorithmCatalog.All)
        {
            Assert.Contains($"  {algorithm.Name}: ", output);
        }

        Assert.Contains("lambda=500", output);
        Assert.Contains("similarity=cosine", output);
        Assert.Contains("shrinkage=100", output);
    }

    [Fact]
    public async Task ClassicModelsTrainSaveRecommendAndFindSimilarItems()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var json = Path.Combine(TestData.TempDirectory(), "train.json");

        var train = await Run("train", "item-knn", "-o", "k=10", "--option", "centring=baseline", "--data-dir", data, "--save", model, "--json", json);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("288 train, 72 test", train.Output);
        Assert.Contains("rmse", train.Output);
        Assert.Contains("precision@10", train.Output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.InRange((double)report["metrics"]!["rmse"]!, 0, 4);
        Assert.InRange((double)report["metrics"]!["precision@10"]!, 0, 1);
        Assert.NotNull(report["timings"]!["train_seconds"]);
        Assert.Equal("10", (string?)report["config"]!["k"]);
        Assert.Equal("100", (string?)report["config"]!["shrinkage"]);

        // Ids and titles, each once.
        var known = await Run("recommend", "--model", model, "--user", "5", "-k", "3");
        Assert.True(known.Code == 0, known.Error);
        Assert.Matches(@"  1\. +-?\d+\.\d{4} +\d+  Movie \d+ \(1995\)", known.Output);
        Assert.Equal(3, known.Output.Split('\n').Count(l => l.Contains("(1995)", StringComparison.Ordinal)));
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
        Assert.Contains("als has no option 'colour'", bad.Error);

        var epochs = await Run("train", "als", "--epochs", "5", "--data-dir", data);
        Assert.Equal(1, epochs.Code);
        Assert.Contains("--epochs", epochs.Error);

        var content = await Run("train", "content", "--data-dir", data, "--save", Path.Combine(TestData.TempDirectory(), "content"));
        Assert.True(content.Code == 0, content.Error);
    }

    [Fact]
    public async Task EveryModelKindSavesAndAnswersFromOwnDataWithoutTitles()
    {
        var csv = WriteCsv();
        var twoTower = Path.Combine(TestData.TempDirectory(), "two-tower");
        var blend = Path.Combine(TestData.TempDirectory(), "blend");

        var trained = await Run("train", "two-tower", "--data", csv, "-o", "dim=8", "-o", "epochs=2", "-o", "batch-size=64", "--save", twoTower);
        Assert.True(trained.Code == 0, trained.Error);
        var recommended = await Run("recommend", "--model", twoTower, "--user", "user4", "-k", "3");
        Assert.True(recommended.Code == 0, recommended.Error);
        Assert.Matches(@"  1\. +-?\d+\.\d{4} +item\d+\r?\n", recommended.Output);
        var similar = await Run("similar", "--model", twoTower, "--item", "item2", "-k", "3");
        Assert.True(similar.Code == 0, similar.Error);
        Assert.Contains("Items most similar to item2:", similar.Output);

        var blended = await Run("train", "blend", "--data", csv, "--save", blend);
        Assert.True(blended.Code == 0, blended.Error);
        Assert.Contains("rmse", blended.Output);
        var fromBlend = await Run("recommend", "--model", blend, "--user", "user4", "-k", "2");
        Assert.True(fromBlend.Code == 0, fromBlend.Error);
        var notSimilar = await Run("similar", "--model", blend, "--item", "item2");
        Assert.Equal(1, notSimilar.Code);
        Assert.Contains("does not compute item similarities", notSimilar.Error);
    }

    [Fact]
    public async Task SplitNoneFitsOnEverythingAndATooSmallSplitSaysWhy()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "all");
        var all = await Run("train", "als", "-o", "factors=4", "--data-dir", data, "--split", "none", "--save", model);
        Assert.True(all.Code == 0, all.Error);
        Assert.Contains("Trained on all 360 interactions", all.Output);

        var tiny = Path.Combine(TestData.TempDirectory(), "tiny.csv");
        File.WriteAllText(tiny, "user,item,rating\na,x,5\nb,y,4\na,y,3\n");
        var split = await Run("train", "als", "--data", tiny, "--split", "random:0.9");
        Assert.Equal(1, split.Code);
        Assert.Contains("no interactions for testing", split.Error);
    }

    /// <summary>A CSV interaction log with a header: 40 users in two taste groups, 30 items, no titles.</summary>
    internal static string WriteCsv()
    {
        var random = new Random(2);
        var text = new StringBuilder("user_id,item_id,rating,timestamp\n");
        for (int u = 0; u < 40; u++)
        {
            foreach (int i in Enumerable.Range(0, 15).Select(_ => (random.Next(15) * 2) + (u % 2)).Distinct())
            {
                text.Append(CultureInfo.InvariantCulture, $"user{u},item{i},{1 + random.Next(5)},{1_600_000_000 + random.Next(1_000_000)}\n");
            }
        }

        var path = Path.Combine(TestData.TempDirectory(), "log.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
