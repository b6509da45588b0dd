using Reco.Cli.Reports;
using Reco.IO;

namespace Reco.Tests.IO;

/// <summary>The command line's report files are written through <see cref="AtomicFile"/>.</summary>
public class ReportWritersTests
{
    [Fact]
    public void AJsonReportNeverReplacesItsInput()
    {
        var folder = TestData.TempDirectory();
        var input = Path.Combine(folder, "ratings.csv");
        File.WriteAllText(input, "user,item\n");
        var report = new JsonReport("train").Set("rows", 1);

        var error = Assert.Throws<OutputRefusedException>(() => report.WriteTo(input, [input]));
        Assert.Contains("is the input", error.Message);
        Assert.Equal("user,item\n", File.ReadAllText(input));
        Assert.Throws<OutputRefusedException>(() => report.WriteTo(folder));

        var output = Path.Combine(folder, "report.json");
        report.WriteTo(output, [input]);
        Assert.Contains("\"rows\": 1", File.ReadAllText(output));
        Assert.Equal(["ratings.csv", "report.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AComparisonReportNeverReplacesItsInput()
    {
        var folder = TestData.TempDirectory();
        var input = Path.Combine(folder, "u.data");
        File.WriteAllText(input, "1\t2\t3\t4\n");
        var report = new ComparisonReport("compare", "u1", 42, "test", 10, [10], []);
        Assert.Throws<OutputRefusedException>(() => report.WriteCsv(input, [input]));
        Assert.Throws<OutputRefusedException>(() => report.WriteJson(Path.Combine(folder, "r.json"), [folder]));
        Assert.Equal("1\t2\t3\t4\n", File.ReadAllText(input));

        var output = Path.Combine(TestData.TempDirectory(), "r.csv");
        report.WriteCsv(output, [input]);
        Assert.StartsWith("model,fold", File.ReadAllText(output));
    }
}
