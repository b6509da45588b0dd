using ScottPlot;

namespace Reco.Bench.Indexes;

/// <summary>The recall–throughput plot: one line per method and build setting, throughput on a log scale.</summary>
internal static class AnnPlot
{
    public static void Write(string path, string title, IReadOnlyList<AnnResult> results)
    {
        var plot = new Plot();
        foreach (var group in results.GroupBy(r => r.Method + (r.Method == "ivf" ? " " + r.Setting.Split(',')[0] : r.Method == "hnsw" ? " " + string.Join(',', r.Setting.Split(',')[..2]) : "")))
        {
            var points = group.OrderBy(r => r.Recall).ToArray();
            var line = plot.Add.Scatter(points.Select(r => r.Recall).ToArray(), points.Select(r => Math.Log10(r.BatchQps)).ToArray());
            line.LegendText = group.Key;
            line.MarkerSize = 7;
        }

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"{Math.Pow(10, y):N0}",
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Add.VerticalLine(0.95, 1, Colors.Gray, LinePattern.Dashed);
        plot.Add.HorizontalLine(4, 1, Colors.Gray, LinePattern.Dashed);
        plot.Title($"top-10 inner-product search, {title}");
        plot.XLabel("recall@10 against exact search");
        plot.YLabel("queries/s, one batch (log scale)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 900, 600);
    }
}
