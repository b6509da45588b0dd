using System.Diagnostics;
using System.Globalization;
using Reco.Cli.Commands;
using Reco.Evaluation;

namespace Reco.Cli.Display;

/// <summary>
/// Progress over every (model, fold) of a comparison, with an overall ETA from the folds done so far:
/// a line on standard error at each step (the standard output keeps the tables).
/// </summary>
internal sealed class ComparisonProgress(CliContext context, int models, int folds)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;

    /// <summary>The progress callback for the <paramref name="model"/>-th model (0-based) and its label.</summary>
    public Action<FoldProgress> For(int model, string label) => progress =>
    {
        if (progress.Stage == FoldStage.Done)
        {
            _done++;
            return;
        }

        int total = models * folds;
        int step = (model * folds) + progress.Index + 1;
        string eta = _done == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", about {Duration(_clock.Elapsed.TotalSeconds / _done * (total - _done))} left");
        string what = progress.Stage == FoldStage.Fitting ? "fitting" : "evaluating";
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{step}/{total}] {label} on {progress.Fold}: {what} ({Duration(_clock.Elapsed.TotalSeconds)} so far{eta})"));
    };

    private static string Duration(double seconds) => seconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0}s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min");
}
