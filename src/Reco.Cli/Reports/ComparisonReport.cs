using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.Cli.Commands;
using Reco.Evaluation;
using Reco.IO;

namespace Reco.Cli.Reports;

/// <summary>
/// The results of one or more models under one protocol, written as console tables that fit a terminal,
/// JSON, CSV, a markdown table, PNG plots and an HTML page that puts them together.
/// </summary>
internal sealed class ComparisonReport(string command, string protocol, int seed, string dataSet, int k, IReadOnlyList<int> ks, IReadOnlyList<CrossValidationResult> results)
{
    /// <summary>The columns of the summary table, in order; absent metrics are skipped.</summary>
    private static readonly string[] SummaryMetrics = ["precision", "recall", "ndcg", "map", "mrr", "hit_rate", "auc", "coverage", "diversity", "novelty", "personalization", "gini", "rmse", "mae"];

    public IReadOnlyList<CrossValidationResult> Results => results;

    /// <summary>A remark printed under the title of every output (for example that a saved model saw test rows).</summary>
    public string? Note { get; set; }

    /// <summary>Adds command-specific entries to the JSON report.</summary>
    public Action<JsonObject>? Extra { get; set; }

    /// <summary>The metric keys of the summary at cut-off k that at least one model reports.</summary>
    public IReadOnlyList<string> Columns => [.. SummaryMetrics
        .Select(m => m is "auc" or "rmse" or "mae" ? m : $"{m}@{k}")
        .Where(key => results.Any(r => r.Mean.ContainsKey(key)))];

    public string Title => $"{dataSet}, protocol {protocol}, seed {seed}";

    /// <summary>Hyper-parameters of each model by its label (every value, defaults included), shown in the HTML report and the JSON.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Settings { get; set; }

    /// <summary>
    /// The summary on the console, as several tables that each fit in <paramref name="width"/> columns:
    /// the model column repeats and the metrics are shared out, never cut or wrapped.
    /// </summary>
    public void WriteConsole(CliContext context, int width = 80)
    {
        context.Output.WriteLine($"{Title} (mean ± std over {results[0].Folds.Count} fold(s))");
        if (Note is not null)
        {
            context.Output.WriteLine(Note);
        }

        string[] columns = [.. Columns, "fit s"];
        string Value(CrossValidationResult r, string column) => column == "fit s" ? F(r.FitSeconds, "F2") : Cell(r, column);
        int modelWidth = Math.Max("model".Length, results.Max(r => r.Model.Length));
        var widths = columns.ToDictionary(c => c, c => Math.Max(c.Length, results.Max(r => Value(r, c).Length)));
        foreach (var group in Pack(columns, widths, width - modelWidth - 4))
        {
            context.Output.WriteLine();
            context.Output.WriteLine($"| {"model".PadRight(modelWidth)} | {string.Join(" | ", group.Select(c => c.PadLeft(widths[c])))} |");
            context.Output.WriteLine($"| {new string('-', modelWidth)} | {string.Join(" | ", group.Select(c => new string('-', widths[c] - 1) + ":"))} |");
            foreach (var r in results)
            {
                context.Output.WriteLine($"| {r.Model.PadRight(modelWidth)} | {string.Join(" | ", group.Select(c => Value(r, c).PadLeft(widths[c])))} |");
            }
        }
    }

    /// <summary>Shares the columns out, in order, into groups whose cells fit in <paramref name="room"/> characters (at least one column a group).</summary>
    private static List<List<string>> Pack(IReadOnlyList<string> columns, IReadOnlyDictionary<string, int> widths, int room)
    {
        var groups = new List<List<string>>();
        var current = new List<string>();
        int used = 0;
        foreach (var column in columns)
        {
            int cell = widths[column] + 3;
            if (current.Count > 0 && used + cell > room)
            {
                groups.Add(current);
                current = [];
                used = 0;
            }

            current.Add(column);
            used += cell;
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    public string Markdown()
    {
        var columns = Columns;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title} (mean ± std over {results[0].Folds.Count} fold(s))");
        if (Note is not null)
        {
            text.AppendLine();
            text.AppendLine(Note);
        }

        text.AppendLine();
        text.AppendLine("| model | " + string.Join(" | ", columns) + " | fit s |");
        text.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" --- |", columns.Count + 1)));
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Model} | {string.Join(" | ", columns.Select(c => Cell(r, c)))} | {F(r.FitSeconds, "F2")} |");
        }

        return text.ToString();
    }

    public string Csv()
    {
        var keys = results.SelectMany(r => r.Mean.Keys).Distinct().ToArray();
        var text = new StringBuilder();
        text.AppendLine("model,fold," + string.Join(',', keys) + ",fit_seconds,eval_seconds");
        foreach (var r in results)
        {
            foreach (var fold in r.Folds)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{r.Model},{Quote(fold.Fold)},{string.Join(',', keys.Select(key => fold.Result.Metrics.TryGetValue(key, out var v) ? F(v, "R") : string.Empty))},{F(fold.FitSeconds, "R")},{F(fold.EvaluationSeconds, "R")}");
            }
        }

        return text.ToString();
    }

    public JsonObject Json()
    {
        var entries = new JsonArray();
        foreach (var r in results)
        {
            entries.Add(new JsonObject
            {
                ["model"] = r.Model,
                ["settings"] = Settings?.TryGetValue(r.Model, out var settings) == true ? new JsonObject([.. settings.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]) : null,
                ["metrics"] = Object(r.Mean),
                ["metrics_std"] = Object(r.StandardDeviation),
                ["fit_seconds"] = r.FitSeconds,
                ["folds"] = new JsonArray([.. r.Folds.Select(f => (JsonNode?)new JsonObject
                {
                    ["fold"] = f.Fold,
                    ["metrics"] = Object(f.Result.Metrics),
                    ["users"] = f.Result.Users,
                    ["candidate_items"] = f.Result.CandidateItems,
                    ["fit_seconds"] = f.FitSeconds,
                    ["eval_seconds"] = f.EvaluationSeconds,
                    ["epochs"] = new JsonArray([.. f.Epochs.Select(e => (JsonNode?)Object(e.Logs.ToDictionary(kv => kv.Key, kv => kv.Value)))]),
                })]),
            });
        }

        var root = new JsonObject
        {
            ["command"] = command,
            ["data_set"] = dataSet,
            ["protocol"] = protocol,
            ["seed"] = seed,
            ["k"] = k,
            ["ks"] = new JsonArray([.. ks.Select(x => (JsonNode?)x)]),
            ["note"] = Note,
            ["results"] = entries,
        };
        Extra?.Invoke(root);
        return root;
    }

    public void WriteJson(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(Json(), new JsonSerializerOptions { WriteIndented = true }), inputs);

    public void WriteCsv(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Csv()), inputs);

    public void WriteMarkdown(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Markdown()), inputs);

    /// <summary>Writes metric@k curves and learning curves as PNG files into <paramref name="folder"/>; returns their paths and titles.</summary>
    public IReadOnlyList<(string Path, string Title)> WritePlots(string folder, IEnumerable<string>? inputs = null) => ReportPlots.Write(folder, ks, results, inputs);

    /// <summary>A self-contained HTML page: the summary, each model's settings, every fold's figures, and the plots embedded.</summary>
    public string Html(IReadOnlyList<(string Path, string Title)> plots)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reco: model comparison</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:90em}.scroll{overflow-x:auto;margin:1em 0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right;white-space:nowrap}td:first-child,th:first-child{text-align:left}img{max-width:100%;display:block;margin:1em 0}code{background:#f4f4f4;padding:0 .2em}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Model comparison on {Escape(dataSet)}</h1><p>Data set <b>{Escape(dataSet)}</b>, protocol <b>{Escape(protocol)}</b>, seed <b>{seed}</b>, {results[0].Folds.Count} fold(s). Values are means ± standard deviations over folds; top-k metrics at k = {k} exclude each user's training items unless stated otherwise.</p>");
        if (Note is not null)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<p><b>Note:</b> {Escape(Note)}</p>");
        }

        html.AppendLine(CultureInfo.InvariantCulture, $"<h2>Summary at k = {k}</h2>");
        Table(html, ["model", .. Columns, "fit s"], results.Select(r => (IReadOnlyList<string>)[r.Model, .. Columns.Select(c => Cell(r, c)), F(r.FitSeconds, "F2")]));

        html.AppendLine("<h2>Models and their settings</h2>");
        var keys = Settings is null ? [] : results.SelectMany(r => Settings.TryGetValue(r.Model, out var o) ? o.Keys : []).Distinct().ToArray();
        if (keys.Length == 0)
        {
            html.AppendLine("<p>Settings were not recorded for these models.</p>");
        }
        else
        {
            html.AppendLine("<ul>");
            foreach (var r in results)
            {
                var settings = Settings!.TryGetValue(r.Model, out var o) ? o : new Dictionary<string, string>();
                html.AppendLine(CultureInfo.InvariantCulture, $"<li><b>{Escape(r.Model)}</b>: {string.Join(", ", settings.Select(kv => $"<code>{Escape(kv.Key)}={Escape(kv.Value)}</code>"))}</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("<h2>Every fold</h2>");
        Table(html, ["model", "fold", .. Columns, "fit s", "evaluation s"], results.SelectMany(r => r.Folds.Select(f => (IReadOnlyList<string>)
            [r.Model, f.Fold, .. Columns.Select(c => f.Result.Metrics.TryGetValue(c, out var v) ? F(v, "F4") : "-"), F(f.FitSeconds, "F2"), F(f.EvaluationSeconds, "F3")])));

        foreach (var (plot, title) in plots)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{Escape(title)}</h2><img alt=\"{Escape(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(plot))}\">");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>Writes <see cref="Html"/> to <paramref name="path"/>, atomically; none of <paramref name="inputs"/> is overwritten.</summary>
    public void WriteHtml(string path, IReadOnlyList<(string Path, string Title)> plots, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Html(plots)), inputs);

    private static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<div class=\"scroll\"><table><tr>");
        foreach (var h in header)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Escape(h)}</th>");
        }

        html.AppendLine("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Escape(cell)}</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</table></div>");
    }

    private static string Cell(CrossValidationResult r, string key)
    {
        if (!r.Mean.TryGetValue(key, out var mean))
        {
            return "-";
        }

        double std = r.StandardDeviation[key];
        return r.Folds.Count > 1 ? $"{F(mean, "F4")} ± {F(std, "F4")}" : F(mean, "F4");
    }

    private static JsonObject Object(IReadOnlyDictionary<string, double> values) => new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(double.IsFinite(kv.Value) ? kv.Value : null))));

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Quote(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
