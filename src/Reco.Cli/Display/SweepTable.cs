using System.Globalization;
using Reco.Cli.Commands;
using Reco.Recipes.Tutorials;
using Spectre.Console;

namespace Reco.Cli.Display;

/// <summary>A tutorial's figures across seeds: one line per model and figure with the mean, standard deviation, lowest and highest.</summary>
internal static class SweepTable
{
    public static void Write(CliContext context, SeedSweep sweep)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"Across {sweep.Seeds.Count} seed{(sweep.Seeds.Count == 1 ? string.Empty : "s")} ({string.Join(", ", sweep.Seeds)}); sd is the population standard deviation");
        string[] header = ["model", "figure", "mean", "sd", "min", "max"];
        var rows = new List<string[]>();
        foreach (var row in sweep.Rows)
        {
            foreach (var figure in row.Figures.Where(f => f.Metric != "loss" && !SeedSweep.IsRunSpread(f.Metric)))
            {
                string F(double value) => double.IsFinite(value) ? MetricsTable.Format(figure.Metric, value) : "-";
                var name = figure.NotFinite == 0 ? figure.Metric : string.Create(CultureInfo.InvariantCulture, $"{figure.Metric} ({figure.NotFinite} seed(s) not finite, left out)");
                rows.Add([row.Name, name, F(figure.Mean), F(figure.StandardDeviation), F(figure.Min), F(figure.Max)]);
            }
        }

        if (context.Interactive)
        {
            var table = new Table().Title(Markup.Escape(title)).AddColumn("model").AddColumn("figure");
            foreach (var column in header[2..])
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var cells in rows)
            {
                table.AddRow([.. cells.Select(Markup.Escape)]);
            }

            context.Console.Write(table);
            return;
        }

        context.Output.WriteLine(title);
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        context.Output.WriteLine(Line(header));
        foreach (var cells in rows)
        {
            context.Output.WriteLine(Line(cells));
        }
    }
}
