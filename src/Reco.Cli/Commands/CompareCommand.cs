using System.CommandLine;
using System.Globalization;
using Reco.Cli.Reports;
using Reco.Data.MovieLens;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco compare --models a,b --protocol P</c>: trains every model on every fold of the protocol and
/// reports them side by side (console table, JSON, CSV, markdown, PNG plots, HTML).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models") { Description = $"Comma-separated algorithms: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))}.", Required = true };
        var options = new Option<string[]>("--option")
        {
            Description = "A hyper-parameter for one model, as MODEL:key=value (repeatable), e.g. two-tower:epochs=5.",
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
                var names = parse.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (names.Length == 0)
                {
                    throw new FormatException("--models names no model.");
                }

                var perModel = ModelOptions(parse.GetValue(options) ?? [], names);
                var algorithms = names.Select(AlgorithmCatalog.Get).ToArray();
                var protocol = Protocol.Parse(parse.GetValue(shared.Protocol)!, parse.GetValue(shared.Seed));
                var data = await DataInput.LoadAsync(parse, context, parse.GetValue(shared.DataDir), shared.Source, cancellationToken);
                var evaluation = shared.Options(parse, data);
                var folds = data.Folds(protocol);
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Protocol {protocol.Specification}: {folds.Count} fold(s)"));

                var results = new List<CrossValidationResult>();
                foreach (var algorithm in algorithms)
                {
                    var parsed = AlgorithmOptions.Parse(algorithm, perModel[algorithm.Name], data.ItemFeatures);
                    results.Add(CrossValidation.Run(() => algorithm.Create(parsed), folds, evaluation, message => context.Error.WriteLine(message)));
                }

                var report = new ComparisonReport("compare", protocol.Specification, protocol.Seed, data.DataSet, parse.GetValue(shared.K), evaluation.Ks, results);
                await shared.WriteOutputsAsync(parse, context, report);
                return 0;
            });
        });
        return command;
    }

    private static Dictionary<string, List<string>> ModelOptions(string[] options, string[] names)
    {
        var perModel = names.ToDictionary(n => n, _ => new List<string>());
        foreach (var option in options)
        {
            int colon = option.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !perModel.TryGetValue(option[..colon], out var list))
            {
                throw new FormatException($"--option '{option}' must be MODEL:key=value with MODEL one of {string.Join(", ", names)}.");
            }

            list.Add(option[(colon + 1)..]);
        }

        return perModel;
    }
}
