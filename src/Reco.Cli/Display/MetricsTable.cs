using System.Globalization;
using Reco.Cli.Commands;
using Spectre.Console;

namespace Reco.Cli.Display;

/// <summary>Prints a metric → value table (a Spectre table on a terminal, aligned text otherwise).</summary>
internal static class MetricsTable
{
    public static void Write(CliContext context, string title, IReadOnlyDictionary<string, double> metrics)
    {
        var rows = metrics.Select(kv => (Name: kv.Key, Value: Format(kv.Key, kv.Value))).ToList();
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
        int width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            context.Output.WriteLine($"  {name.PadRight(width)}  {value,12}");
        }
    }

    /// <summary>Metrics on one line, "name value" pairs two spaces apart, the loss left out.</summary>
    public static string Inline(IReadOnlyDictionary<string, double> metrics) =>
        string.Join("  ", metrics.Where(m => m.Key != "loss").Select(m => $"{m.Key} {Format(m.Key, m.Value)}"));

    /// <summary>A metric's value as printed: the loss with one decimal, everything else with four.</summary>
    public static string Format(string key, double value) => value.ToString(key == "loss" ? "F1" : "F4", CultureInfo.InvariantCulture);
}
