using System.Text.Json.Nodes;

namespace Reco.Tests.Cli;

[Collection(GlobalRandomSeed.Name)]
public class EvaluationCliTests
{
    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public async Task CompareWritesEveryReport()
    {
        var data = MovieLensFiles.Write(users: 40, movies: 40, ratingsPerUser: 15);
        MovieLensFiles.WriteFold(data, "u1");
        var outputs = TestData.TempDirectory();
        var (code, output, error) = await Run("compare", "--models", "popularity,two-tower", "--option", "two-tower:epochs=2", "--option", "two-tower:batch-size=128",
            "--data-dir", data, "--protocol", "u1", "--json", Path.Combine(outputs, "r.json"), "--csv", Path.Combine(outputs, "r.csv"),
            "--markdown", Path.Combine(outputs, "r.md"), "--plots", Path.Combine(outputs, "plots"), "--html", Path.Combine(outputs, "r.html"));

        Assert.True(code == 0, error);
        Assert.Contains("| popularity ", output);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(outputs, "r.json")))!;
        Assert.Equal("u1", (string?)report["protocol"]);
        var results = report["results"]!.AsArray();
        Assert.Equal(["popularity", "two-tower:epochs=2:batch-size=128"], results.Select(r => (string?)r!["model"]));
        foreach (var key in new[] { "precision@10", "recall@10", "ndcg@10", "map@10", "mrr@10", "hit_rate@10", "auc", "coverage@10", "diversity@10", "novelty@10" })
        {
            Assert.InRange((double)results[0]!["metrics"]![key]!, 0, key.StartsWith("novelty", StringComparison.Ordinal) ? 100 : 1);
        }

        Assert.NotNull(results[1]!["fit_seconds"]);
        Assert.Equal(2, results[1]!["folds"]![0]!["epochs"]!.AsArray().Count);
        Assert.StartsWith("model,fold,", File.ReadAllText(Path.Combine(outputs, "r.csv")));
        Assert.Contains("| two-tower:epochs=2:batch-size=128 |", File.ReadAllText(Path.Combine(outputs, "r.md")));
        Assert.True(File.Exists(Path.Combine(outputs, "plots", "precision_at_k.png")));
        Assert.True(File.Exists(Path.Combine(outputs, "plots", "learning_curve_two-tower_epochs_2_batch-size_128.png")));
        var html = File.ReadAllText(Path.Combine(outputs, "r.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("protocol <b>u1</b>", html);
        Assert.Contains("<h2>Precision at k</h2>", html);
        Assert.Contains("<code>epochs=2</code>", html);
        Assert.Contains("<h2>Every fold</h2>", html);
        Assert.Contains("overflow-x:auto", html);
    }

    [Fact]
    public async Task EvaluateASavedModelAndAnAlgorithm()
    {
        var data = MovieLensFiles.Write(users: 40, movies: 40, ratingsPerUser: 15);
        var model = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Equal(0, (await Run("quickstart", "--data-dir", data, "--batch-size", "64", "--epochs", "2", "--save", model)).Code);
        var json = Path.Combine(TestData.TempDirectory(), "e.json");

        // The quickstart trains on every rating, so every test rating of any protocol is one it saw.
        var refused = await Run("evaluate", "--model", model, "--data-dir", data, "--protocol", "random:0.8", "--json", json);
        Assert.Equal(1, refused.Code);
        Assert.Contains("the model was trained on", refused.Error);
        Assert.Contains("--allow-overlap", refused.Error);
        Assert.False(File.Exists(json));

        var saved = await Run("evaluate", "--model", model, "--data-dir", data, "--protocol", "random:0.8", "--allow-overlap", "--json", json);
        Assert.True(saved.Code == 0, saved.Error);
        Assert.Contains("flattering", saved.Error);
        Assert.Contains("were training interactions of the saved model", saved.Output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.StartsWith("saved:", (string?)report["model"]);
        Assert.InRange((double)report["metrics"]!["ndcg@10"]!, 0, 1);
        Assert.True((long)report["overlapping_test_rows"]! > 0);

        // A model trained with the protocol's own split is measured on rows it has not seen.
        var honest = Path.Combine(TestData.TempDirectory(), "honest");
        Assert.Equal(0, (await Run("train", "ease", "-o", "lambda=5", "--data-dir", data, "--split", "random:0.8", "--save", honest)).Code);
        var clean = await Run("evaluate", "--model", honest, "--data-dir", data, "--protocol", "random:0.8", "--json", json);
        Assert.True(clean.Code == 0, clean.Error);
        Assert.Equal(0, (long)JsonNode.Parse(File.ReadAllText(json))!["overlapping_test_rows"]!);

        var trained = await Run("evaluate", "--algorithm", "popularity", "--data-dir", data, "--protocol", "kfold:3", "--json", json);
        Assert.True(trained.Code == 0, trained.Error);
        report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal(3, report["results"]![0]!["folds"]!.AsArray().Count);
        Assert.NotNull(report["results"]![0]!["metrics_std"]!["precision@10"]);
    }

    [Fact]
    public async Task CompareRunsSeveralSettingsOfOneAlgorithmEachLabelledBySettings()
    {
        var data = MovieLensFiles.Write(users: 40, movies: 40, ratingsPerUser: 15);
        var json = Path.Combine(TestData.TempDirectory(), "variants.json");
        var (code, output, error) = await Run("compare", "--models", "als:factors=4,als:factors=8:alpha=10,two-tower:optimizer=adagrad:0.2:epochs=1",
            "--data-dir", data, "--protocol", "random:0.8", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("| als:factors=4 ", output);
        Assert.All(output.Split('\n').Where(l => l.StartsWith('|')), line => Assert.True(line.TrimEnd('\r').Length <= 80, $"longer than 80 columns: {line}"));
        Assert.Contains("[1/3] als:factors=4 on random: fitting", error);
        var results = JsonNode.Parse(File.ReadAllText(json))!["results"]!.AsArray();
        Assert.Equal(["als:factors=4", "als:factors=8:alpha=10", "two-tower:optimizer=adagrad:0.2:epochs=1"], results.Select(r => (string?)r!["model"]));
    }

    [Fact]
    public async Task BadRequestsAreClearErrors()
    {
        var data = MovieLensFiles.Write();
        Assert.Contains("Give either --model DIR or --algorithm NAME", (await Run("evaluate", "--data-dir", data)).Error);
        Assert.Contains("Protocol 'bootstrap'", (await Run("compare", "--models", "popularity", "--data-dir", data, "--protocol", "bootstrap")).Error);
        Assert.Contains("Unknown algorithm 'nope'", (await Run("compare", "--models", "popularity,nope", "--data-dir", data, "--protocol", "random:0.8")).Error);
        Assert.Contains("has none", (await Run("compare", "--models", "popularity", "--data-dir", data, "--protocol", "u1")).Error);
        Assert.Contains("popularity has no option 'speed'", (await Run("compare", "--models", "popularity", "--option", "popularity:speed=9", "--data-dir", data, "--protocol", "random:0.8")).Error);
        Assert.Contains("the same model twice", (await Run("compare", "--models", "als:factors=4,als:factors=4", "--data-dir", data, "--protocol", "random:0.8")).Error);
        Assert.Contains("the same model twice", (await Run("compare", "--models", "als,als:factors=32", "--data-dir", data, "--protocol", "random:0.8")).Error);
        Assert.Contains("Unknown algorithm 'nope'", (await Run("evaluate", "--algorithm", "nope", "--data-dir", data)).Error);
    }
}
