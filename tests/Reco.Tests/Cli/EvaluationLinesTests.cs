using Reco.Cli.Display;
using Reco.Evaluation;

namespace Reco.Tests.Cli;

public class EvaluationLinesTests
{
    [Fact]
    public void ALongEvaluationSaysWhereItIsEveryFewSeconds_AndAShortOneNothing()
    {
        var output = new StringWriter();
        var lines = new EvaluationLines(output);
        lines.Report(new EvaluationProgress(10, 100, TimeSpan.FromSeconds(1)));
        Assert.Equal(string.Empty, output.ToString());

        lines.Report(new EvaluationProgress(25, 100, TimeSpan.FromSeconds(5)));
        Assert.Equal("  evaluating: 25/100 users, 5 users/s, about 15s left", output.ToString().TrimEnd());

        lines.Report(new EvaluationProgress(30, 100, TimeSpan.FromSeconds(6)));
        lines.Report(new EvaluationProgress(100, 100, TimeSpan.FromSeconds(20)));
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
