using Reco.Evaluation;
using ScottPlot;

namespace Reco.Cli.Reports;

/// <summary>
/// PNG plots of a comparison: metric@k curves (mean over folds, with ± one standard deviation error bars
/// when there are several folds) on a 0–1 axis, and each model's learning curve with one line per fold
/// over whole epochs. Legends sit outside the data.
/// </summary>
internal static class ReportPlots
{
    /// <summary>The rate metrics drawn against k, with their titles.</summary>
    public static readonly (string Key, string Title)[] Curves =
    [
        ("precision", "Precision at k"),
        ("recall", "Recall at k"),
        ("ndcg", "NDCG at k"),
        ("map", "MAP at k"),
        ("hit_rate", "Hit rate at k"),
    ];

    public static IReadOnlyList<(string Path, string Title)> Write(string folder, IReadOnlyList<int> ks, IReadOnlyList<CrossValidationResult> results, IEnumerable<string>? inputs = null)
    {
        var protectedPaths = inputs?.ToArray() ?? [];
        void Save(Plot plot, string path) => Reco.IO.AtomicFile.Write(path, plot.GetImageBytes(900, 500, ImageFormat.Png), protectedPaths);
        var written = new List<(string, string)>();
        foreach (var (metric, title) in Curves)
        {
            var plot = new Plot();
            bool any = false;
            foreach (var r in results)
            {
                var points = ks.Where(k => r.Mean.ContainsKey($"{metric}@{k}")).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                double[] xs = [.. points.Select(k => (double)k)];
                double[] ys = [.. points.Select(k => r.Mean[$"{metric}@{k}"])];
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = r.Model;
                if (r.Folds.Count > 1)
                {
                    var bars = plot.Add.ErrorBar(xs, ys, [.. points.Select(k => r.StandardDeviation[$"{metric}@{k}"])]);
                    bars.Color = line.Color;
                }

                any = true;
            }

            if (!any)
            {
                continue;
            }

            plot.Title(results[0].Folds.Count > 1 ? $"{title} (mean ± std over {results[0].Folds.Count} folds)" : title);
            plot.XLabel("k");
            plot.YLabel(metric);
            plot.Axes.SetLimitsY(0, 1);
            plot.ShowLegend(Edge.Right);
            var path = Path.Combine(folder, $"{metric}_at_k.png");
            Save(plot, path);
            written.Add((path, title));
        }

        // Losses differ in scale between models, so each model gets its own learning curve.
        foreach (var r in results)
        {
            if (r.Folds[0].Epochs.Count < 2 || !r.Folds[0].Epochs[0].Logs.ContainsKey("loss"))
            {
                continue;
            }

            var learning = new Plot();
            foreach (var fold in r.Folds)
            {
                var epochs = fold.Epochs.Where(e => e.Logs.ContainsKey("loss")).ToArray();
                var line = learning.Add.Scatter(epochs.Select(e => (double)(e.Epoch + 1)).ToArray(), epochs.Select(e => e.Logs["loss"]).ToArray());
                line.LegendText = fold.Fold;
            }

            string title = $"Learning curve: {r.Model}";
            learning.Title($"{title} (training loss per epoch)");
            learning.XLabel("epoch");
            learning.YLabel("loss");
            learning.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            learning.ShowLegend(Edge.Right);
            var path = Path.Combine(folder, $"learning_curve_{FileName(r.Model)}.png");
            Save(learning, path);
            written.Add((path, title));
        }

        return written;
    }

    /// <summary>A model label as a file name: anything but letters, digits, '-' and '.' becomes '_'.</summary>
    private static string FileName(string label) => string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
