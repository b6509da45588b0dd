namespace Reco.Tests.Cli;

/// <summary>
/// Path options given badly: report paths that clash with each other or with the <c>--save</c> folder are
/// refused before any work, so a run never trains and saves a model only to fail (exit code 1) when it
/// writes its report; an empty path is one line naming the option.
/// </summary>
[Collection(GlobalRandomSeed.Name)]
public sealed class OutputPathCliTests
{
    [Theory]
    [InlineData("")]
    [InlineData("report.json")]
    public async Task AReportInTheSaveFolderIsRefusedBeforeTraining(string inside)
    {
        var csv = CliTests.WriteCsv();
        var save = Path.Combine(TestData.TempDirectory(), "model");
        var json = inside.Length == 0 ? save : Path.Combine(save, inside);

        var (code, output, error) = await CliRunner.Run("train", "popularity", "--data", csv, "--save", save, "--json", json);

        Assert.True(code == 1, error);
        Assert.Contains("the model is saved to", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved the model", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(save), "the model was saved although the command failed");
    }

    [Fact]
    public async Task AReportInTheSaveFolderReachedThroughALinkedParentIsRefusedBeforeTraining()
    {
        var csv = CliTests.WriteCsv();
        var real = TestData.TempDirectory();
        var link = Path.Combine(TestData.TempDirectory(), "link");
        Directory.CreateSymbolicLink(link, real);

        // The model goes to link/model and the report names the same folder by its real path.
        var (code, output, error) = await CliRunner.Run("train", "popularity", "--data", csv, "--save", Path.Combine(link, "model"), "--json", Path.Combine(real, "model", "report.json"));

        Assert.True(code == 1, error);
        Assert.Contains("the model is saved to", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved the model", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(real, "model")), "the model was saved although the command failed");
    }

    [Fact]
    public async Task TwoReportsNamingOneFileAreRefusedBeforeAnyWork()
    {
        var csv = CliTests.WriteCsv();
        var report = Path.Combine(TestData.TempDirectory(), "report.out");

        var (code, output, error) = await CliRunner.Run("evaluate", "--algorithm", "popularity", "--data", csv, "--protocol", "random:0.8", "--json", report, "--csv", report);

        Assert.True(code == 1, error);
        Assert.Contains("give each report its own file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote", output, StringComparison.Ordinal);
        Assert.False(File.Exists(report));
    }

    [Theory]
    [InlineData("train popularity --data {csv} --json", "--json needs a file name")]
    [InlineData("train popularity --data {csv} --save", "--save needs a folder name")]
    [InlineData("train popularity --data", "--data needs a source")]
    [InlineData("train popularity --data-dir", "--data-dir needs an unpacked MovieLens folder")]
    [InlineData("recommend --user u1 --model", "--model needs the folder a model was saved to")]
    [InlineData("similar --item i1 --model", "--model needs the folder a model was saved to")]
    [InlineData("evaluate --data {csv} --protocol random:0.8 --model", "--model needs the folder a model was saved to")]
    [InlineData("evaluate --algorithm popularity --data {csv} --protocol random:0.8 --html", "--html needs a file name")]
    [InlineData("evaluate --algorithm popularity --data {csv} --protocol random:0.8 --plots", "--plots needs a folder name")]
    [InlineData("compare --models popularity --data {csv} --protocol random:0.8 --csv", "--csv needs a file name")]
    [InlineData("compare --models popularity --data {csv} --protocol random:0.8 --markdown", "--markdown needs a file name")]
    public async Task AnEmptyPathIsOneLineNamingTheOption(string command, string expected)
    {
        var csv = CliTests.WriteCsv();
        string[] args = [.. command.Replace("{csv}", csv, StringComparison.Ordinal).Split(' '), ""];
        var folder = Directory.GetCurrentDirectory();
        var before = Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray();

        var (code, _, error) = await CliRunner.Run(args);

        Assert.True(code == 1, error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("The value cannot be", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Using ml-100k", error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray());
    }
}
