using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Evaluation;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Recipes;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco train ALGORITHM</c>: any algorithm of the catalogue through <see cref="TrainAndEvaluate"/> — a
/// held-out split (or <c>--split none</c> to fit on everything), the fit, the evaluation, and the save.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var algorithm = new Argument<string>("algorithm") { Description = AlgorithmHelp(), HelpName = "ALGORITHM" };
        CliOptions.OneOf(algorithm, "an algorithm", [.. AlgorithmCatalog.All.Select(a => a.Name)]);
        var options = AlgorithmOption();
        var data = new DataOptions();
        var split = new Option<string>("--split")
        {
            Description = "How to hold out test interactions: a protocol with one fold (random:FRACTION, stratified:FRACTION, temporal:FRACTION, leave-last:K, u1 …), or none to fit on all the data for deployment.",
            DefaultValueFactory = _ => "random:0.8",
        };
        CliOptions.Check(split, text =>
        {
            if (!string.Equals(text.Trim(), TrainAndEvaluate.NoSplit, StringComparison.OrdinalIgnoreCase))
            {
                Evaluation.Protocols.Protocol.Parse(text);
            }
        });
        var seed = CliOptions.Seed(42);
        var save = CliOptions.Save();
        var index = new Option<string?>("--index")
        {
            Description = "With --save: build this vector index over the model's item vectors and save it in the same version, checked against the model when `reco serve` loads it instead of building one: exact, ivf, hnsw or auto (exact below 200,000 items, else IVF when it measures faster). Models with item vectors only: als, bpr, biased-mf, svdpp and two-tower.",
            HelpName = "KIND",
        };
        index.AcceptOnlyFromAmong("exact", "hnsw", "ivf", "auto");
        var json = CliOptions.Json();
        var userFeatures = new Option<string?>("--user-features") { Description = "two-tower: columns of the data's user features to embed next to the user id (for example gender,occupation); the same as -o user-features=….", HelpName = "NAMES" };
        var itemFeatures = new Option<string?>("--item-features") { Description = "two-tower: columns of the data's item features to embed next to the item id (for example genres,year); the same as -o item-features=….", HelpName = "NAMES" };

        var command = new Command("train", "Train a model and evaluate it on held-out data (`reco train --help` lists the algorithms and their options).")
        {
            algorithm, options, split, seed, save, index, json, userFeatures, itemFeatures,
        };
        data.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var chosen = AlgorithmCatalog.Get(parse.GetValue(algorithm)!);
                var given = FeatureOptions(chosen, parse.GetValue(options) ?? [], parse.GetValue(userFeatures), parse.GetValue(itemFeatures));
                CheckIndex(chosen, AlgorithmOptions.Parse(chosen, given), parse.GetValue(index), parse.GetValue(save));
                var splitSpec = parse.GetValue(split)!;
                int seedValue = parse.GetValue(seed);
                var outputs = new Outputs(data.InputPaths(parse)).Check(parse.GetValue(save), parse.GetValue(json));
                var dataSet = await data.LoadAsync(parse, context, cancellationToken);
                var parsed = AlgorithmOptions.Parse(chosen, given, dataSet.ItemFeatures);
                var result = TrainingProgress.Run(context, callback => TrainAndEvaluate.Run(
                    dataSet, parsed, splitSpec, seedValue, TrainAndEvaluate.Evaluation(dataSet) with { Progress = new EvaluationLines(context.Output) }, [callback]));
                if (result.Fold is { } fold)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Split {splitSpec} (seed {seedValue}): {fold.Train.Count:N0} train, {fold.Test.Count:N0} test"));
                    MetricsTable.Write(context, string.Create(CultureInfo.InvariantCulture, $"Evaluation on the {fold.Test.Count:N0} held-out interactions (training items excluded)"), result.Metrics!);
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Trained in {result.TrainSeconds:F2}s, evaluated in {result.EvaluationSeconds:F3}s"));
                }
                else
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Trained on all {dataSet.Interactions.Count:N0} interactions in {result.TrainSeconds:F2}s (nothing held out, so no evaluation)"));
                }

                if (parse.GetValue(save) is { } saveTo)
                {
                    var persistent = result.Model as IPersistentRecommender ?? throw new NotSupportedException($"The {chosen.Name} model cannot be saved.");
                    var savedIndex = RecommenderFile.Save(saveTo, persistent, TrainingProvenance.For(dataSet, splitSpec, seedValue), parse.GetValue(index));
                    await context.Output.WriteLineAsync(savedIndex is { } kind ? $"Saved the model with its {kind.ToString().ToLowerInvariant()} index to {saveTo}" : $"Saved the model to {saveTo}");
                }

                if (parse.GetValue(json) is { } path)
                {
                    var report = new JsonReport("train")
                        .Set("model", parsed.Label)
                        .Set("data_set", dataSet.Name)
                        .Set("protocol", new JsonObject
                        {
                            ["split"] = splitSpec,
                            ["seed"] = seedValue,
                            ["train_rows"] = result.Fold?.Train.Count ?? dataSet.Interactions.Count,
                            ["test_rows"] = result.Fold?.Test.Count ?? 0,
                        })
                        .Set("config", new JsonObject([.. parsed.ToDictionary().Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]))
                        .Epochs(result.Epochs)
                        .Timings(result.TrainSeconds, result.EvaluationSeconds);
                    if (result.Metrics is { } metrics)
                    {
                        report.Metrics(metrics);
                    }

                    report.WriteTo(path, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }

    /// <summary>
    /// Refuses, before any work, an index without <c>--save</c>, for a model without item vectors, or of the
    /// HNSW kind where USearch's native library cannot be loaded.
    /// </summary>
    private static void CheckIndex(Algorithm chosen, AlgorithmOptions options, string? index, string? save)
    {
        if (index is null)
        {
            return;
        }

        if (save is null)
        {
            throw new ArgumentException("--index saves a vector index beside the model, so it needs --save DIR.");
        }

        var probe = chosen.NeedsItemFeatures ? null : chosen.Create(options);
        bool vectors = probe is IVectorModel;
        (probe as IDisposable)?.Dispose();
        if (!vectors)
        {
            throw new ArgumentException(RecommenderFile.NoItemVectors(chosen.Name));
        }

        if (index == "hnsw" && !Indexes.HnswIndex.IsAvailable)
        {
            throw new ArgumentException($"--index hnsw needs USearch's native library, which cannot be loaded here ({Indexes.HnswIndex.UnavailableReason}); use --index ivf or exact.");
        }
    }

    /// <summary>The options with <c>--user-features</c> and <c>--item-features</c> as two-tower options; checked before any work.</summary>
    private static string[] FeatureOptions(Algorithm chosen, string[] given, string? users, string? items)
    {
        string[] extra = [.. new[] { ("user-features", users), ("item-features", items) }.Where(f => f.Item2 is not null).Select(f => $"{f.Item1}={f.Item2}")];
        if (extra.Length > 0 && chosen.Name != "two-tower")
        {
            throw new ArgumentException($"--user-features and --item-features are options of two-tower, not {chosen.Name}.");
        }

        return [.. given, .. extra];
    }

    /// <summary><c>--option key=value</c>, repeatable.</summary>
    public static Option<string[]> AlgorithmOption() => new("--option", "-o")
    {
        Description = "A hyper-parameter of the algorithm as key=value (repeatable); see the list below.",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Every algorithm with its options and defaults, for <c>--help</c>.</summary>
    public static string AlgorithmHelp()
    {
        var text = new StringBuilder("Algorithms and their options (-o key=value; defaults shown):");
        foreach (var algorithm in AlgorithmCatalog.All)
        {
            text.Append("\n  ").Append(algorithm.Name).Append(": ").Append(algorithm.Description);
            foreach (var p in algorithm.Parameters)
            {
                text.Append("\n      ").Append(p.Name).Append('=').Append(p.Default).Append("  ").Append(p.Description);
                if (p.Range.Length > 0)
                {
                    text.Append(" (").Append(p.Range).Append(')');
                }
            }
        }

        return text.ToString();
    }
}
