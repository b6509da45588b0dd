using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.Cli.Commands;
using Reco.Evaluation;
using Reco.IO;
using Spectre.Console;

namespace Reco.Cli.Reports;

/// <summary>
/// The results of one or more models under one protocol, written as a console table, JSON, CSV, a
/// markdown table, PNG plots and an HTML page that puts them together.
/// </summary>
internal sealed class ComparisonReport(string command, string protocol, int seed, string dataSet, int k, IReadOnlyList<int> ks, IReadOnlyList<CrossValidationResult> results)
{
    /// <summary>The columns of the summary table, in order; absent metrics are skipped.</summary>
    private static readonly string[] SummaryMetrics = ["precision", "recall", "ndcg", "map", "mrr", "hit_rate", "auc", "coverage", "diversity", "novelty", "personalization", "gini", "rmse", "mae"];

    public IReadOnlyList<CrossValidationResult> Results => results;

    /// <summary>The metric keys of the summary at cut-off k that at least one model reports.</summary>
    public IReadOnlyList<string> Columns => [.. SummaryMetrics
        .Select(m => m is "auc" or "rmse" or "mae" ? m : $"{m}@{k}")
        .Where(key => results.Any(r => r.Mean.ContainsKey(key)))];

    public string Title => $"{dataSet}, protocol {protocol}, seed {seed}";

    public void WriteConsole(CliContext context)
    {
        var columns = Columns;
        if (context.Interactive)
        {
            var table = new Table().Title(Markup.Escape(Title)).AddColumn("model");
            foreach (var column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
            }

            table.AddColumn(new TableColumn("fit s").RightAligned());
            foreach (var r in results)
            {
                table.AddRow([Markup.Escape(r.Model), .. columns.Select(c => Cell(r, c)), F(r.FitSeconds, "F2")]);
            }

            context.Console.Write(table);
            return;
        }

        context.Output.Write(Markdown());
    }

    public string Markdown()
    {
        var columns = Columns;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title} (mean ± std over {results[0].Folds.Count} fold(s))");
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
                    ["epochs"] = new JsonArray([.. f.Epochs.Select(e => (JsonNode?)Object(e.Logs.ToDictionary(kv => Display.MetricNames.Short(kv.Key), kv => kv.Value)))]),
                })]),
            });
        }

        return new JsonObject
        {
            ["command"] = command,
            ["data_set"] = dataSet,
            ["protocol"] = protocol,
            ["seed"] = seed,
            ["k"] = k,
            ["ks"] = new JsonArray([.. ks.Select(x => (JsonNode?)x)]),
            ["results"] = entries,
        };
    }

    public void WriteJson(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(Json(), new JsonSerializerOptions { WriteIndented = true }), inputs);

    public void WriteCsv(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Csv()), inputs);

    public void WriteMarkdown(string path, IEnumerable<string>? inputs = null) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Markdown()), inputs);

    /// <summary>Writes metric@k curves and learning curves as PNG files into <paramref name="folder"/>; returns their paths.</summary>
    public IReadOnlyList<string> WritePlots(string folder) => ReportPlots.Write(folder, ks, results);

    /// <summary>Writes a self-contained HTML page (tables and plots embedded); none of <paramref name="inputs"/> is overwritten.</summary>
    public void WriteHtml(string path, IReadOnlyList<string> plots, IEnumerable<string>? inputs = null)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reco comparison</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}img{max-width:48em;display:block;margin:1em 0}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Model comparison</h1><p>Data set <b>{Escape(dataSet)}</b>, protocol <b>{Escape(protocol)}</b>, seed <b>{seed}</b>, {results[0].Folds.Count} fold(s). Values are means ± standard deviations over folds; top-k metrics exclude each user's training items unless stated otherwise.</p>");
        html.AppendLine("<table><tr><th>model</th>");
        foreach (var c in Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Escape(c)}</th>");
        }

        html.AppendLine("<th>fit s</th></tr>");
        foreach (var r in results)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Escape(r.Model)}</td>");
            foreach (var c in Columns)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Escape(Cell(r, c))}</td>");
            }

            html.AppendLine(CultureInfo.InvariantCulture, $"<td>{F(r.FitSeconds, "F2")}</td></tr>");
        }

        html.AppendLine("</table>");
        foreach (var plot in plots)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{Escape(Path.GetFileNameWithoutExtension(plot))}</h2><img alt=\"{Escape(Path.GetFileName(plot))}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(plot))}\">");
        }

        html.AppendLine("</body></html>");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(html.ToString()), inputs);
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
