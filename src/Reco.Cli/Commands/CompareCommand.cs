using System.CommandLine;
using System.Globalization;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco compare --models a,b:key=value --protocol P</c>: trains every model (or variant of one) on every
/// fold of the protocol and reports them side by side (console table, JSON, CSV, markdown, PNG plots, HTML).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models")
        {
            Description = $"Comma-separated models, each an algorithm with optional settings, e.g. als,als:factors=128:alpha=10. Algorithms: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))}.",
            Required = true,
        };
        var options = new Option<string[]>("--option")
        {
            Description = "A hyper-parameter for every entry of one algorithm, as ALGORITHM:key=value (repeatable), e.g. two-tower:epochs=5.",
            AllowMultipleArgumentsPerToken = false,
        };
        var shared = new EvaluationOptionSet();
        var command = new Command("compare", "Train and evaluate several models under one protocol and report them side by side.") { models, options };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var entries = Entries(parse.GetValue(models)!, parse.GetValue(options) ?? [], null);
                var protocol = Protocol.Parse(parse.GetValue(shared.Protocol)!, parse.GetValue(shared.Seed));
                var outputs = shared.CheckOutputs(parse);
                var data = await shared.Data.LoadAsync(parse, context, cancellationToken);
                entries = Entries(parse.GetValue(models)!, parse.GetValue(options) ?? [], data.ItemFeatures);
                var evaluation = shared.Options(parse, data);
                var folds = protocol.Folds(data.Interactions, data.PredefinedFolds).ToArray();
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Protocol {protocol.Specification}: {folds.Length} fold(s)"));

                foreach (var entry in entries)
                {
                    entry.Algorithm.EnsureFits(entry, data.Interactions);
                }

                var results = new List<CrossValidationResult>();
                var progress = new ComparisonProgress(context, entries.Count, folds.Length);
                for (int m = 0; m < entries.Count; m++)
                {
                    var entry = entries[m];
                    results.Add(CrossValidation.Run(() => entry.Algorithm.Create(entry, data), folds, evaluation, progress.For(m, entry.Label)) with { Model = entry.Label });
                }

                var report = new ComparisonReport("compare", protocol.Specification, protocol.Seed, data.Name, parse.GetValue(shared.K), evaluation.Ks, results)
                {
                    Settings = entries.ToDictionary(e => e.Label, e => e.ToDictionary()),
                };
                await shared.WriteOutputsAsync(parse, context, report, outputs);
                return 0;
            });
        });
        return command;
    }

    /// <summary>The parsed entries of <c>--models</c>, each with the <c>--option</c> pairs of its algorithm; the same model twice is an error.</summary>
    private static List<AlgorithmOptions> Entries(string list, string[] options, Data.ItemFeatures? itemFeatures)
    {
        var specifications = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (specifications.Length == 0)
        {
            throw new FormatException("--models names no model.");
        }

        var names = specifications.Select(s => s.Split(':')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        var extra = names.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var option in options)
        {
            int colon = option.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !extra.TryGetValue(option[..colon], out var pairs))
            {
                throw new FormatException($"--option '{option}' must be ALGORITHM:key=value with ALGORITHM one of {string.Join(", ", names)}.");
            }

            pairs.Add(option[(colon + 1)..]);
        }

        var entries = new List<AlgorithmOptions>();
        foreach (var specification in specifications)
        {
            var entry = AlgorithmOptions.ParseSpecification(specification, extra[specification.Split(':')[0].Trim()], itemFeatures);
            if (entries.FirstOrDefault(e => e.SameSettings(entry)) is { } earlier)
            {
                throw new FormatException($"--models lists the same model twice: '{earlier.Label}' and '{entry.Label}' have identical settings.");
            }

            entries.Add(entry);
        }

        return entries;
    }
}
