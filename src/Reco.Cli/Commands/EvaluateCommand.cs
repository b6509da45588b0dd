using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reco.Cli.Reports;
using Reco.Data.MovieLens;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco evaluate</c>: measures one model under a protocol — a saved model (<c>--model DIR</c>,
/// evaluated on each fold's test part with the fold's training part as what users have seen) or an
/// algorithm trained on each fold (<c>--algorithm NAME</c>).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A model folder saved with --save.", HelpName = "DIR" };
        var algorithm = new Option<string?>("--algorithm") { Description = $"Instead of a saved model, train this algorithm on each fold: {string.Join(", ", AlgorithmCatalog.All.Select(a => a.Name))}." };
        var options = new Option<string[]>("--option") { Description = "A hyper-parameter of --algorithm as key=value (repeatable)." };
        var shared = new EvaluationOptionSet();
        var command = new Command("evaluate", "Measure a saved model, or an algorithm trained per fold, under an evaluation protocol.") { model, algorithm, options };
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
                var data = await DataInput.LoadAsync(parse, context, parse.GetValue(shared.DataDir), shared.Source, cancellationToken);
                var evaluation = shared.Options(parse, data);
                var folds = data.Folds(protocol);
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Protocol {protocol.Specification}: {folds.Count} fold(s)"));

                CrossValidationResult result;
                if (parse.GetValue(algorithm) is { } name)
                {
                    var chosen = AlgorithmCatalog.Get(name);
                    var parsed = AlgorithmOptions.Parse(chosen, parse.GetValue(options) ?? [], data.ItemFeatures);
                    result = CrossValidation.Run(() => chosen.Create(parsed), folds, evaluation, message => context.Error.WriteLine(message));
                }
                else
                {
                    var directory = parse.GetValue(model)!;
                    result = ModelDirectory.ReadKind(directory) == RecommenderFile.Kind
                        ? EvaluateSavedRecommender(directory, folds, evaluation)
                        : EvaluateSaved(directory, data, folds, evaluation);
                }

                var report = new ComparisonReport("evaluate", protocol.Specification, protocol.Seed, data.DataSet, parse.GetValue(shared.K), evaluation.Ks, [result]);
                await shared.WriteOutputsAsync(parse, context, report);
                if (parse.GetValue(shared.Json) is { } json)
                {
                    // evaluate's JSON also carries the single model's figures at the top level.
                    var root = report.Json();
                    root["model"] = result.Model;
                    root["metrics"] = root["results"]![0]!["metrics"]!.DeepClone();
                    await File.WriteAllBytesAsync(json, JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
                }

                return 0;
            });
        });
        return command;
    }

    /// <summary>Scores a saved two-tower model over the data's items, whose vocabulary holds item ids or titles.</summary>
    private static CrossValidationResult EvaluateSaved(string directory, DataInput data, IReadOnlyList<Fold> folds, EvaluationOptions options)
    {
        var saved = TwoTowerModelFile.Load(directory);
        var users = saved.Model.QueryModel;
        var items = saved.Model.CandidateModel;
        int d = users.OutputDim;
        var all = folds[0].Train;
        var itemRows = new int[all.ItemCount];
        for (int i = 0; i < itemRows.Length; i++)
        {
            int row = items.Lookup.Lookup(all.Items[i]);
            itemRows[i] = row != 0 ? row : items.Lookup.Lookup(data.ItemLabel(all.Items[i]));
        }

        var itemTable = items.Embedding.Weights.ToArray();
        var userTable = users.Embedding.Weights.ToArray();
        var results = new List<FoldResult>();
        foreach (var fold in folds)
        {
            var clock = Stopwatch.StartNew();
            var result = Evaluator.Evaluate(
                (user, scores) =>
                {
                    var u = userTable.AsSpan(users.Lookup.Lookup(fold.Train.Users[user]) * d, d);
                    for (int i = 0; i < scores.Length; i++)
                    {
                        scores[i] = System.Numerics.Tensors.TensorPrimitives.Dot(u, itemTable.AsSpan(itemRows[i] * d, d));
                    }
                },
                fold.Train,
                fold.Test,
                options);
            results.Add(new FoldResult(fold.Name, result, 0, clock.Elapsed.TotalSeconds, []));
        }

        return new CrossValidationResult($"saved:{Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}", results);
    }

    /// <summary>
    /// Scores a model saved with <see cref="RecommenderFile"/> on each fold, matching users and items by id;
    /// items the model never saw score lowest, and users it never saw get its popularity fallback order.
    /// </summary>
    private static CrossValidationResult EvaluateSavedRecommender(string directory, IReadOnlyList<Fold> folds, EvaluationOptions options)
    {
        var model = RecommenderFile.Load(directory).Model;
        var known = model.TrainingData!;
        var popularity = new float[known.ItemCount];
        foreach (int item in known.ItemIndices)
        {
            popularity[item]++;
        }

        var results = new List<FoldResult>();
        foreach (var fold in folds)
        {
            var itemRows = new int[fold.Train.ItemCount];
            for (int i = 0; i < itemRows.Length; i++)
            {
                itemRows[i] = known.Items.IndexOf(fold.Train.Items[i]);
            }

            var clock = Stopwatch.StartNew();
            var result = Evaluator.Evaluate(
                (user, scores) =>
                {
                    int row = known.Users.IndexOf(fold.Train.Users[user]);
                    var own = new float[known.ItemCount];
                    if (row >= 0)
                    {
                        model.ScoreItems(row, own);
                    }
                    else
                    {
                        popularity.CopyTo(own, 0);
                    }

                    for (int i = 0; i < scores.Length; i++)
                    {
                        scores[i] = itemRows[i] >= 0 ? own[itemRows[i]] : float.MinValue;
                    }
                },
                fold.Train,
                fold.Test,
                options);
            results.Add(new FoldResult(fold.Name, result, 0, clock.Elapsed.TotalSeconds, []));
        }

        return new CrossValidationResult($"saved:{model.Name}", results);
    }
}
