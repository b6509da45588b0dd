using System.Text.Json.Nodes;

namespace Reco.Tests.Cli;

/// <summary><c>reco tutorial NAME</c> and the two-tower feature options of <c>reco train</c>, end to end on a small folder.</summary>
[Collection(GlobalRandomSeed.Name)]
public class TutorialCommandTests
{
    [Fact]
    public async Task BasicRankingPrintsItsRowsAndWritesMetricsRowsAndTimings()
    {
        var data = MovieLensFiles.Write(users: 20, movies: 24, ratingsPerUser: 10, seed: 2);
        var json = Path.Combine(TestData.TempDirectory(), "ranking.json");
        var (code, output, error) = await CliRunner.Run("tutorial", "basic-ranking", "--data-dir", data, "--epochs", "2", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("Split random:0.8 (seed 42): 160 train, 40 test", output);
        Assert.Contains("s/epoch", output);

        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal("tutorial basic-ranking", (string?)report["command"]);
        Assert.True((double)report["metrics"]!["rmse"]! > 0);
        var row = report["rows"]!.AsArray().Single()!;
        Assert.Equal(2, (int)row["epochs"]!);
        Assert.True((double)row["seconds_per_epoch"]! > 0);
        Assert.Equal(160, (int)report["protocol"]!["train_rows"]!);
    }

    [Fact]
    public async Task SeedsRunEachSeedAsItsOwnRunAndSummariseThem()
    {
        var data = MovieLensFiles.Write(users: 20, movies: 24, ratingsPerUser: 10, seed: 5);
        var json = Path.Combine(TestData.TempDirectory(), "seeds.json");
        var (code, output, error) = await CliRunner.Run("tutorial", "basic-ranking", "--data-dir", data, "--epochs", "1", "--seeds", "7,3", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("Split random:0.8 (seed 7): 160 train, 40 test", output);
        Assert.Contains("Split random:0.8 (seed 3): 160 train, 40 test", output);
        Assert.Contains("Across 2 seeds (7, 3)", output);

        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal([7, 3], report["protocol"]!["seeds"]!.AsArray().Select(s => (int)s!));
        var runs = report["runs"]!.AsArray();
        var rmses = runs.Select(r => (double)r!["metrics"]!["rmse"]!).ToArray();
        var figure = report["rows"]!.AsArray().Single()!["figures"]!["rmse"]!;
        Assert.Equal(rmses, figure["values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(rmses.Average(), (double)report["metrics"]!["rmse"]!, 12);
        Assert.Equal(Math.Abs(rmses[0] - rmses[1]) / 2, (double)report["metrics"]!["rmse_seed_std"]!, 12);

        // Each seed's run is the run that --seed gives on its own.
        Assert.Equal(rmses[0], await SingleSeedFigure("basic-ranking", data, 7, "rmse"));
        Assert.Equal(rmses[1], await SingleSeedFigure("basic-ranking", data, 3, "rmse"));
    }

    [Fact]
    public async Task BasicRetrievalRunsAcrossSeedsToo()
    {
        var data = MovieLensFiles.Write(users: 20, movies: 24, ratingsPerUser: 10, seed: 6);
        var json = Path.Combine(TestData.TempDirectory(), "retrieval.json");
        var (code, output, error) = await CliRunner.Run("tutorial", "basic-retrieval", "--data-dir", data, "--epochs", "1", "--seeds", "4,9", "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("Across 2 seeds (4, 9)", output);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        var tops = report["runs"]!.AsArray().Select(r => (double)r!["metrics"]!["factorized_top_k@100"]!).ToArray();
        Assert.Equal(tops.Average(), (double)report["metrics"]!["factorized_top_k@100"]!, 12);

        Assert.Equal(tops[1], await SingleSeedFigure("basic-retrieval", data, 9, "factorized_top_k@100"));

        var saving = await CliRunner.Run("tutorial", "basic-retrieval", "--data-dir", data, "--seeds", "4,9", "--save", Path.Combine(TestData.TempDirectory(), "m"));
        Assert.Equal(1, saving.Code);
        Assert.Contains("--save keeps one model; give --seed with it, not --seeds.", saving.Error);
    }

    [Fact]
    public async Task SequentialSplitsByTimeAndTakesNoSplitOption()
    {
        var data = MovieLensFiles.Write(users: 12, movies: 20, ratingsPerUser: 8, seed: 3);
        var (code, output, error) = await CliRunner.Run("tutorial", "sequential", "--data-dir", data, "--epochs", "1");
        Assert.True(code == 0, error);
        Assert.Contains("Split by time", output);
        Assert.Contains("popularity", output);
        var (bad, _, message) = await CliRunner.Run("tutorial", "sequential", "--data-dir", data, "--split", "random:0.8");
        Assert.Equal(1, bad);
        Assert.Contains("--split", message);
    }

    [Fact]
    public async Task DcnWithoutUserFeaturesIsAOneLineError()
    {
        var data = MovieLensFiles.Write(users: 6, movies: 8, ratingsPerUser: 4, seed: 1);
        var (code, _, error) = await CliRunner.Run("tutorial", "dcn", "--data-dir", data, "--runs", "1", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Equal("error: The DCN tutorial needs the users' gender, age, occupation and zip code: load a MovieLens 100k or 1M folder (u.user or users.dat).", error.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task TrainTwoTowerEmbedsTheNamedItemFeatures()
    {
        var data = MovieLensFiles.Write(users: 20, movies: 24, ratingsPerUser: 10, seed: 4);
        var json = Path.Combine(TestData.TempDirectory(), "train.json");
        var (code, _, error) = await CliRunner.Run("train", "two-tower", "--data-dir", data, "--item-features", "genres,year", "-o", "epochs=2", "-o", "dim=8", "--json", json);
        Assert.True(code == 0, error);
        Assert.Equal("genres,year", (string?)JsonNode.Parse(File.ReadAllText(json))!["config"]!["item-features"]);

        var unknown = await CliRunner.Run("train", "two-tower", "--data-dir", data, "--item-features", "colour", "-o", "epochs=1");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("have no 'colour'; they are: title, genres, year", unknown.Error);

        var none = await CliRunner.Run("train", "two-tower", "--data-dir", data, "--user-features", "gender", "-o", "epochs=1");
        Assert.Equal(1, none.Code);
        Assert.Contains("this data has no user features", none.Error);

        var other = await CliRunner.Run("train", "als", "--data-dir", data, "--user-features", "gender");
        Assert.Equal("error: --user-features and --item-features are options of two-tower, not als.", other.Error.Trim().Split('\n')[^1]);

        // compare and evaluate hand the data's feature tables to the model as train does.
        var compare = await CliRunner.Run("compare", "--models", "two-tower:epochs=1:dim=8:item-features=genres,popularity", "--data-dir", data, "--protocol", "random:0.8");
        Assert.True(compare.Code == 0, compare.Error);
        var evaluate = await CliRunner.Run("evaluate", "--algorithm", "two-tower", "-o", "epochs=1", "-o", "item-features=genres", "--data-dir", data, "--protocol", "random:0.8");
        Assert.True(evaluate.Code == 0, evaluate.Error);

        var save = Path.Combine(TestData.TempDirectory(), "model");
        var saving = await CliRunner.Run("train", "two-tower", "--data-dir", data, "--item-features", "genres,title", "-o", "epochs=2", "-o", "dim=8", "--split", "none", "--save", save, "--json", json);
        Assert.True(saving.Code == 0, saving.Error);
        var recommended = await CliRunner.Run("recommend", "--model", save, "--user", "3", "-k", "4", "--json", Path.Combine(TestData.TempDirectory(), "r.json"));
        Assert.True(recommended.Code == 0, recommended.Error);
        Assert.Contains("Top 4 recommendations for user 3", recommended.Output);
    }

    /// <summary>A tutorial's headline figure from one run of one epoch at <paramref name="seed"/>, read from its JSON report.</summary>
    private static async Task<double> SingleSeedFigure(string tutorial, string data, int seed, string metric)
    {
        var json = Path.Combine(TestData.TempDirectory(), $"{tutorial}-{seed}.json");
        var (code, _, error) = await CliRunner.Run("tutorial", tutorial, "--data-dir", data, "--epochs", "1", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", json);
        Assert.True(code == 0, error);
        return (double)JsonNode.Parse(File.ReadAllText(json))!["metrics"]![metric]!;
    }
}
