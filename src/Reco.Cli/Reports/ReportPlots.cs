using Reco.Evaluation;

namespace Reco.Cli.Reports;

/// <summary>PNG plots of a comparison: metric@k curves per model, and per-epoch learning curves.</summary>
internal static class ReportPlots
{
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<int> ks, IReadOnlyList<CrossValidationResult> results)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var metric in new[] { "precision", "recall", "ndcg", "map", "hit_rate" })
        {
            var plot = new ScottPlot.Plot();
            bool any = false;
            foreach (var r in results)
            {
                var points = ks.Where(k => r.Mean.ContainsKey($"{metric}@{k}")).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(k => (double)k).ToArray(), points.Select(k => r.Mean[$"{metric}@{k}"]).ToArray());
                line.LegendText = r.Model;
                any = true;
            }

            if (!any)
            {
                continue;
            }

            plot.Title($"{metric}@k");
            plot.XLabel("k");
            plot.YLabel(metric);
            plot.ShowLegend();
            var path = Path.Combine(folder, $"{metric}_at_k.png");
            plot.SavePng(path, 800, 500);
            written.Add(path);
        }

        // Losses differ in scale between models, so each model gets its own learning curve.
        foreach (var r in results)
        {
            var epochs = r.Folds[0].Epochs;
            if (epochs.Count < 2 || !epochs[0].Logs.ContainsKey("loss"))
            {
                continue;
            }

            var learning = new ScottPlot.Plot();
            var line = learning.Add.Scatter(epochs.Select(e => (double)(e.Epoch + 1)).ToArray(), epochs.Select(e => e.Logs["loss"]).ToArray());
            line.LegendText = $"{r.Model} ({r.Folds[0].Fold})";
            learning.Title($"{r.Model}: training loss per epoch");
            learning.XLabel("epoch");
            learning.YLabel("loss");
            learning.ShowLegend();
            var path = Path.Combine(folder, $"learning_curve_{FileName(r.Model)}.png");
            learning.SavePng(path, 800, 500);
            written.Add(path);
        }

        return written;
    }

    /// <summary>A model label as a file name: anything but letters, digits, '-' and '.' becomes '_'.</summary>
    private static string FileName(string label) => string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
