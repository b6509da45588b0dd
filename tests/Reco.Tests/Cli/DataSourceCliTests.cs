using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reco.Tests.Cli;

[Collection(GlobalRandomSeed.Name)]
public class DataSourceCliTests
{
    /// <summary>A CSV interaction log with a header: 40 users in two taste groups, 30 items.</summary>
    private static string WriteCsv()
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

    [Fact]
    public async Task TrainEvaluateCompareAndQuickstartTakeAnyDataSource()
    {
        var csv = WriteCsv();
        var json = Path.Combine(TestData.TempDirectory(), "r.json");

        var train = await CliRunner.Run("train", "ease", "--data", csv, "--json", json);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("interactions of 40 users and 30 items", train.Output);
        Assert.Contains("rows read", train.Error);
        Assert.InRange((double)JsonNode.Parse(File.ReadAllText(json))!["metrics"]!["precision@10"]!, 0, 1);

        var twoTower = await CliRunner.Run("train", "two-tower", "--data", csv, "-o", "epochs=2", "-o", "batch-size=64", "-o", "dim=8");
        Assert.True(twoTower.Code == 0, twoTower.Error);

        var compare = await CliRunner.Run("compare", "--models", "popularity,item-knn", "--data", csv, "--protocol", "leave-last:1", "--json", json);
        Assert.True(compare.Code == 0, compare.Error);
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal("log.csv", (string?)report["data_set"]);
        Assert.Equal(2, report["results"]!.AsArray().Count);

        var quickstart = await CliRunner.Run("quickstart", "--data", csv, "--user", "user3", "--batch-size", "64", "--epochs", "1");
        Assert.True(quickstart.Code == 0, quickstart.Error);
        Assert.Matches(@"Top 3 recommendations for user user3: \[item\d+, item\d+, item\d+\]", quickstart.Output);
    }

    [Fact]
    public async Task DataAndDataDirTogetherAreRejected()
    {
        var (code, _, error) = await CliRunner.Run("train", "popularity", "--data", WriteCsv(), "--data-dir", MovieLensFiles.Write());
        Assert.Equal(1, code);
        Assert.Contains("either --data or --data-dir", error);
    }
}
