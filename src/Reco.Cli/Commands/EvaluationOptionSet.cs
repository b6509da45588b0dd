using System.CommandLine;
using System.Globalization;
using Reco.Cli.Reports;
using Reco.Data;
using Reco.Evaluation;

namespace Reco.Cli.Commands;

/// <summary>The options shared by <c>reco evaluate</c> and <c>reco compare</c>: data, protocol, metrics and report outputs.</summary>
internal sealed class EvaluationOptionSet
{
    public DataOptions Data { get; } = new();

    public Option<string> Protocol { get; } = new("--protocol") { Description = $"How to split the data: {Evaluation.Protocols.Protocol.Help}.", DefaultValueFactory = _ => "u1" };

    public Option<int> Seed { get; } = CliOptions.Seed(42);

    public Option<int> K { get; } = CliOptions.WholeNumber("-k", "The cut-off of the summary table's top-k metrics.", 10);

    public Option<string> Ks { get; } = new("--ks") { Description = "Cut-offs computed for the metric@k curves (comma-separated).", DefaultValueFactory = _ => "1,5,10,20,50,100" };

    public Option<CandidateItems> Candidates { get; } = new("--candidates") { Description = "Which items compete: union (training or test items), all, training.", DefaultValueFactory = _ => CandidateItems.Union };

    public Option<bool> IncludeSeen { get; } = new("--include-seen") { Description = "Keep each user's training items in their ranking (by default they are excluded)." };

    public Option<float?> RelevanceThreshold { get; } = CliOptions.Finite(new Option<float?>("--relevance-threshold") { Description = "Only test ratings at least this high count as relevant." });

    public Option<bool> Graded { get; } = new("--graded") { Description = "NDCG with graded gain 2^rating − 1 instead of binary relevance." };

    public Option<string?> Json { get; } = CliOptions.Json();

    public Option<string?> Csv { get; } = CliOptions.NotBlank(new Option<string?>("--csv") { Description = "Write every fold's metrics to this CSV file.", HelpName = "PATH" }, "a file name, such as report.csv");

    public Option<string?> Markdown { get; } = CliOptions.NotBlank(new Option<string?>("--markdown") { Description = "Write the summary as a markdown table to this file.", HelpName = "PATH" }, "a file name, such as report.md");

    public Option<string?> Plots { get; } = CliOptions.NotBlank(new Option<string?>("--plots") { Description = "Write PNG plots (metric@k curves, learning curves) into this folder.", HelpName = "DIR" }, "a folder name, such as plots");

    public Option<string?> Html { get; } = CliOptions.NotBlank(new Option<string?>("--html") { Description = "Write an HTML report (tables and plots) to this file.", HelpName = "PATH" }, "a file name, such as report.html");

    public void AddTo(Command command)
    {
        Data.AddTo(command);
        foreach (var option in new Option[] { Protocol, Seed, K, Ks, Candidates, IncludeSeen, RelevanceThreshold, Graded, Json, Csv, Markdown, Plots, Html })
        {
            command.Options.Add(option);
        }

        CliOptions.Check(Protocol, text => Evaluation.Protocols.Protocol.Parse(text));
        CliOptions.Check(Ks, text => ParseKs(text, 1));
    }

    public int[] ParseKs(ParseResult parse) => ParseKs(parse.GetValue(Ks)!, parse.GetValue(K));

    public EvaluationOptions Options(ParseResult parse, DataSet data) => new()
    {
        Ks = ParseKs(parse),
        ExcludeSeen = !parse.GetValue(IncludeSeen),
        Candidates = parse.GetValue(Candidates),
        RelevanceThreshold = parse.GetValue(RelevanceThreshold),
        GradedGain = parse.GetValue(Graded),
        ItemVectors = data.CategoryVectors,
    };

    /// <summary>Checks, before any work, that every report path may be written without touching an input.</summary>
    public Outputs CheckOutputs(ParseResult parse, params string?[] inputs)
    {
        var outputs = new Outputs([.. Data.InputPaths(parse), .. inputs]);
        outputs.Check(null, parse.GetValue(Json), parse.GetValue(Csv), parse.GetValue(Markdown), parse.GetValue(Html));
        if (parse.GetValue(Plots) is { } plots)
        {
            if (File.Exists(plots))
            {
                throw new ArgumentException($"--plots '{plots}' is a file; give a folder for the plots.");
            }

            outputs.Check(null, Path.Combine(plots, "precision_at_k.png"));
        }

        return outputs;
    }

    /// <summary>Writes every requested output of <paramref name="report"/>, never over one of <paramref name="outputs"/>' inputs.</summary>
    public async Task WriteOutputsAsync(ParseResult parse, CliContext context, ComparisonReport report, Outputs outputs)
    {
        report.WriteConsole(context);
        if (parse.GetValue(Json) is { } json)
        {
            report.WriteJson(json, outputs.Inputs);
            await context.Output.WriteLineAsync($"Wrote {json}");
        }

        if (parse.GetValue(Csv) is { } csv)
        {
            report.WriteCsv(csv, outputs.Inputs);
            await context.Output.WriteLineAsync($"Wrote {csv}");
        }

        if (parse.GetValue(Markdown) is { } markdown)
        {
            report.WriteMarkdown(markdown, outputs.Inputs);
            await context.Output.WriteLineAsync($"Wrote {markdown}");
        }

        var plotsFolder = parse.GetValue(Plots);
        var html = parse.GetValue(Html);
        IReadOnlyList<(string Path, string Title)> plots = [];
        if (plotsFolder is not null || html is not null)
        {
            plots = report.WritePlots(plotsFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(html!))!, Path.GetFileNameWithoutExtension(html!) + "_plots"), outputs.Inputs);
            foreach (var (plot, _) in plots)
            {
                await context.Output.WriteLineAsync($"Wrote {plot}");
            }
        }

        if (html is not null)
        {
            report.WriteHtml(html, plots, outputs.Inputs);
            await context.Output.WriteLineAsync($"Wrote {html}");
        }
    }

    private static int[] ParseKs(string text, int k)
    {
        var values = new List<int> { k };
        foreach (var part in CliOptions.CommaSeparated("--ks", text, "1,5,10"))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                throw new FormatException($"--ks '{text}': '{part}' is not a whole number of at least 1.");
            }

            values.Add(value);
        }

        return [.. values.Distinct().Order()];
    }
}
