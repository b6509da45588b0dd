using Reco.Cli;
using Reco.Tests.Data;

using Reco.Tests.Data.MovieLens;

namespace Reco.Tests.Cli;

public sealed class DatasetsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task List_ShowsEveryRelease()
    {
        var (code, output, _) = await Run("datasets", "list");

        Assert.Equal(0, code);
        foreach (var name in new[] { "ml-100k", "ml-1m", "ml-10m", "ml-20m", "ml-25m", "ml-32m", "ml-latest-small" })
        {
            Assert.Contains($"https://files.grouplens.org/datasets/movielens/{name}.zip", output);
        }

        Assert.Contains("checksums not pinned", output);
    }

    [Fact]
    public async Task Info_OnACsv_PrintsTheLoadReportAndStatistics()
    {
        string path = _folder.Combine("r.csv");
        File.WriteAllText(path, "user,item,rating\n1,a,5\n1,b,3\n2,a,4\n2,a,2\n");

        var (code, output, error) = await Run("datasets", "info", "--data", path);

        Assert.True(code == 0, error);
        Assert.Contains("Loaded r.csv: 4 rows read, 3 kept, 0 skipped as malformed, 1 duplicates merged (keep-last)", error);
        Assert.Contains("Interactions: 3", output);
        Assert.Contains("Users:        2", output);
        Assert.Contains("Density:      75.000 %", output);
        Assert.Matches(@"\n +2 +1 +33\.3 %", output);
        Assert.Matches(@"\n +2 +a\n", output);
    }

    [Fact]
    public async Task Info_OnAMovieLensFolder_ListsTitles()
    {
        var (code, output, error) = await Run("datasets", "info", MovieLensSampleFiles.Write(_folder.Path));

        Assert.True(code == 0, error);
        Assert.Contains("Item features: title (text), genres (multivalued), year (categorical)", output);
        Assert.Contains("Chairman of the Board (1998)", output);
    }

    [Fact]
    public async Task BadRow_IsAOneLineErrorUnlessSkipped()
    {
        string path = _folder.Combine("bad.csv");
        File.WriteAllText(path, "user_id,item_id,weight\n1,2,3\n1,3,x\n");

        var stopped = await Run("datasets", "info", "--data", path);
        var skipped = await Run("datasets", "info", "--data", path, "--skip-bad-rows");

        Assert.Equal(1, stopped.Code);
        Assert.Equal("error: bad.csv line 3, column 'weight': 'x' is not a finite number\n", stopped.Error.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(0, skipped.Code);
        Assert.Contains("1 skipped as malformed", skipped.Error);
        Assert.Contains("skipped bad.csv line 3, column 'weight'", skipped.Error);
    }

    [Fact]
    public async Task ColumnOptionsFormatAndHeaderless_AreApplied()
    {
        string path = _folder.Combine("plays.data");
        File.WriteAllText(path, "9|x|2\n9|y|1\n8|x|7\n");

        var (code, output, error) = await Run("datasets", "info", "--data", path, "--format", "csv", "--delimiter", "|", "--no-header", "--user-col", "1", "--item-col", "2", "--rating-col", "3", "--feedback", "implicit");

        Assert.True(code == 0, error);
        Assert.Contains("implicit feedback", error);
        Assert.Contains("Interactions: 3", output);
        Assert.Contains("Users:        2", output);
    }

    [Fact]
    public async Task MissingQueryOrUnknownPolicy_AreUserErrors()
    {
        string db = _folder.Combine("x.db");
        File.WriteAllBytes(db, []);

        var noQuery = await Run("datasets", "info", "--data", "sqlite:" + db);
        var policy = await Run("datasets", "info", "--data", db, "--duplicates", "first");

        Assert.Equal(1, noQuery.Code);
        Assert.Contains("needs a SQL query (--query)", noQuery.Error);
        Assert.Equal(1, policy.Code);
        Assert.Contains("Unknown duplicate policy 'first'", policy.Error);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await RecoCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
