using Reco.Cli.Commands;
using Spectre.Console;

namespace Reco.Cli.Display;

/// <summary>Prints a metric → value table (a Spectre table on a terminal, aligned text otherwise).</summary>
internal static class MetricsTable
{
    public static void Write(CliContext context, string title, IReadOnlyDictionary<string, double> logs)
    {
        var rows = logs.Select(kv => (Name: MetricNames.Short(kv.Key), Value: MetricNames.Format(MetricNames.Short(kv.Key), kv.Value))).ToList();
        if (context.Interactive)
        {
            var table = new Table().Title(Markup.Escape(title)).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in rows)
            {
                table.AddRow(Markup.Escape(name), value);
            }

            context.Console.Write(table);
            return;
        }

        context.Output.WriteLine(title);
        int width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            context.Output.WriteLine($"  {name.PadRight(width)}  {value,12}");
        }
    }
}
