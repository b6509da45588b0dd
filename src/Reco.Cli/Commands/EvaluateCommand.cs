using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Serving;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco evaluate</c>: measures one model under a protocol — a saved model (<c>--model DIR</c>, evaluated
/// on each fold's test part, refusing test rows it was trained on unless <c>--allow-overlap</c>), or an
/// algorithm trained on each fold (<c>--algorithm NAME</c>).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = CliOptions.NotBlank(new Option<string?>("--model") { Description = "A model folder saved with --save.", HelpName = "DIR" }, "the folder a model was saved to with --save");
        var algorithm = new Option<string?>("--algorithm") { Description = $"Instead of a saved model, train this algorithm on each fold: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))}." };
        var options = TrainCommand.AlgorithmOption();
        var allowOverlap = new Option<bool>("--allow-overlap") { Description = "Evaluate a saved model even on test rows it was trained on (the report then says how many)." };
        var shared = new EvaluationOptionSet();
        var command = new Command("evaluate", "Measure a saved model, or an algorithm trained per fold, under an evaluation protocol.") { model, algorithm, options, allowOverlap };
        shared.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(model) is null) == (result.GetValue(algorithm) is null))
            {
                result.AddError("Give either --model DIR or --algorithm NAME.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var protocol = Protocol.Parse(parse.GetValue(shared.Protocol)!, parse.GetValue(shared.Seed));
                var outputs = shared.CheckOutputs(parse, parse.GetValue(model));
                var service = parse.GetValue(model) is { } directory ? RecommendationService.Load(directory) : null;
                var name = parse.GetValue(algorithm);
                if (name is not null)
                {
                    AlgorithmOptions.Parse(AlgorithmCatalog.Get(name), parse.GetValue(options) ?? []);
                }

                var data = await shared.Data.LoadAsync(parse, context, cancellationToken);
                var evaluation = shared.Options(parse, data);
                var folds = protocol.Folds(data.Interactions, data.PredefinedFolds).ToArray();
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Protocol {protocol.Specification}: {folds.Length} fold(s)"));

                CrossValidationResult result;
                IReadOnlyDictionary<string, string>? settings = null;
                long overlapping = 0;
                if (service is not null)
                {
                    var saved = SavedModelEvaluation.Run(service, folds, evaluation, parse.GetValue(allowOverlap), $"saved:{service.Model.Name}");
                    result = saved.Result;
                    overlapping = saved.OverlappingRows;
                    if (overlapping > 0)
                    {
                        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {overlapping:N0} of the {saved.TestRows:N0} test interactions were training interactions of the model (--allow-overlap); its figures are flattering."));
                    }
                }
                else
                {
                    var parsed = AlgorithmOptions.Parse(AlgorithmCatalog.Get(name!), parse.GetValue(options) ?? [], data.ItemFeatures);
                    parsed.Algorithm.EnsureFits(parsed, data.Interactions);
                    result = CrossValidation.Run(() => parsed.Algorithm.Create(parsed, data), folds, evaluation, new ComparisonProgress(context, 1, folds.Length).For(0, parsed.Label)) with { Model = parsed.Label };
                    settings = parsed.ToDictionary();
                }

                var report = new ComparisonReport("evaluate", protocol.Specification, protocol.Seed, data.Name, parse.GetValue(shared.K), evaluation.Ks, [result])
                {
                    Settings = settings is null ? null : new Dictionary<string, IReadOnlyDictionary<string, string>> { [result.Model] = settings },
                };
                if (overlapping > 0)
                {
                    report.Note = string.Create(CultureInfo.InvariantCulture, $"{overlapping:N0} test interactions were training interactions of the saved model (evaluated with --allow-overlap).");
                }

                // evaluate's JSON also carries the single model's figures at the top level.
                report.Extra = root =>
                {
                    root["model"] = result.Model;
                    root["metrics"] = root["results"]![0]!["metrics"]!.DeepClone();
                    root["overlapping_test_rows"] = overlapping;
                };
                await shared.WriteOutputsAsync(parse, context, report, outputs);
                return 0;
            });
        });
        return command;
    }
}
