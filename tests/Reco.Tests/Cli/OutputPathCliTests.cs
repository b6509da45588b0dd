namespace Reco.Tests.Cli;

/// <summary>
/// Report paths that clash with each other or with the <c>--save</c> folder are refused before any work,
/// so a run never trains and saves a model only to fail (exit code 1) when it writes its report.
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
}
