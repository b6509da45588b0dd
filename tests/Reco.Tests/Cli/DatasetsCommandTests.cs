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
    public async Task Synth_WritesParquetThatLoads_EvenWithFewerItemsThanGenres()
    {
        string path = _folder.Combine("s.parquet");
        var (code, output, error) = await Run("datasets", "synth", "--users", "30", "--items", "6", "--interactions", "60", "--seed", "3", "--out", path);

        Assert.True(code == 0, error);
        Assert.Contains("Wrote 60 interactions of 30 users", output);
        var (infoCode, info, infoError) = await Run("datasets", "info", "--data", path);
        Assert.True(infoCode == 0, infoError);
        Assert.Contains("Interactions: 60", info);
    }

    [Theory]
    [InlineData("--users 3000000000", "--users 3000000000 is too large; the most is 2,147,483,647.")]
    [InlineData("--users 12x", "--users '12x' is not a whole number.")]
    [InlineData("--users 0", "--users must be at least 1; got 0.")]
    [InlineData("--interactions 5", "--interactions must be at least the number of users (30): every user gets one.")]
    [InlineData("--interactions 100000", "--interactions can be at most 90 for 30 users and 6 items (each user interacts with at most half the items).")]
    public async Task Synth_RefusesBadSizesInOneLine(string option, string expected)
    {
        string path = _folder.Combine("bad.parquet");
        var defaults = new Dictionary<string, string> { ["--users"] = "30", ["--items"] = "6", ["--interactions"] = "60" };
        var given = option.Split(' ');
        defaults[given[0]] = given[1];
        var (code, _, error) = await Run(["datasets", "synth", .. defaults.SelectMany(p => new[] { p.Key, p.Value }), "--out", path]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Synth_NeverReplacesAFile_AndNeedsAName()
    {
        string path = _folder.Combine("mine.txt");
        File.WriteAllText(path, "keep me");

        var (code, _, error) = await Run("datasets", "synth", "--users", "30", "--items", "6", "--interactions", "60", "--out", path);
        Assert.Equal(1, code);
        Assert.Contains("already exists", error);
        Assert.Equal("keep me", File.ReadAllText(path));

        var empty = await Run("datasets", "synth", "--users", "30", "--items", "6", "--interactions", "60", "--out", " ");
        Assert.Equal(1, empty.Code);
        Assert.Contains("--out needs a file name", empty.Error);
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
