using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Data;
using Reco.Optimizers;
using Reco.Recipes;
using Reco.Recipes.Tutorials;
using Reco.Serialization;
using Reco.Training;

namespace Reco.Cli.Commands;

/// <summary><c>reco tutorial NAME</c>: TensorFlow Recommenders' tutorials reproduced, each through its library recipe.</summary>
internal static class TutorialCommand
{
    public static Command Create() => new("tutorial", "Run a TensorFlow Recommenders tutorial on MovieLens and report its figures.")
    {
        BasicRetrievalCommand(),
        Tutorial("basic-ranking", "TFRS's basic ranking tutorial: user-id and title embeddings, ReLU layers of 256 and 64, RMSE of predicted ratings.", (d, s, c) => BasicRanking.Run(d.Interactions, new BasicRankingOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs }, c)),
        Tutorial("context-features", "TFRS's context-features tutorial: user id with and without timestamp features, title and title words; top-100 accuracy.", (d, s, c) => ContextFeatures.Run(d.Interactions, new ContextFeaturesOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs }, c)),
        Tutorial("deep-recommenders", "TFRS's deep-recommenders tutorial: feature towers with one, two and three dense layers, 300 epochs; top-100 accuracy.", (d, s, c) => DeepRecommenders.Run(d.Interactions, new DeepRecommendersOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs }, c), decimate: true),
        Tutorial("multitask", "TFRS's multitask tutorial: shared embeddings, a retrieval and a rating task weighted (1, 0), (0, 1) and (1, 1).", (d, s, c) => Multitask.Run(d.Interactions, new MultitaskOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs }, c)),
        Tutorial("dcn", "TFRS's deep & cross network tutorial: DCN (full and low rank) and a DNN on movie and user features, Adam 0.01, mean RMSE of several runs.", (d, s, c) => DeepCrossNetwork.Run(d, new DeepCrossNetworkOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs, Runs = s.Runs ?? 5 }, c), runs: true),
        Tutorial("listwise", "TFRS's listwise ranking tutorial: lists of 5 rated movies, MSE, pairwise hinge and ListMLE losses compared by NDCG.", (d, s, c) => ListwiseRanking.Run(d.Interactions, new ListwiseRankingOptions { Split = s.Split, Seed = s.Seed, Epochs = s.Epochs }, c)),
        Tutorial("sequential", "TFRS's sequential retrieval tutorial: a GRU over each user's last 10 movies predicts the next (split by time), against popularity and a two-tower model.", (d, s, c) => SequentialRetrieval.Run(d.Interactions, new SequentialRetrievalOptions { Seed = s.Seed, Epochs = s.Epochs }, c), split: false),
    };

    /// <summary>A tutorial subcommand: data options, the split, the seed, the epochs (and runs), the report.</summary>
    private static Command Tutorial(string name, string description, Func<DataSet, Settings, TrainingCallback[], TutorialResult> run, bool runs = false, bool split = true, bool decimate = false)
    {
        var data = new DataOptions();
        var splitOption = new Option<string>("--split") { Description = "How the test ratings are held out (a one-fold protocol).", DefaultValueFactory = _ => "random:0.8" };
        CliOptions.Check(splitOption, text => Evaluation.Protocols.Protocol.Parse(text));
        var seed = CliOptions.Seed(42);
        var epochs = CliOptions.WholeNumber("--epochs", "Passes over the training data (0: the tutorial's own).", 0, minimum: 0);
        var runsOption = CliOptions.WholeNumber("--runs", "Trainings of each model from fresh weights (the tutorial's 5).", 5);
        var seeds = SeedsOption();
        var json = CliOptions.Json();
        var command = new Command(name, description) { seed, seeds, epochs, json };
        RefuseBoth(command, seed, seeds);
        if (split)
        {
            command.Add(splitOption);
        }

        if (runs)
        {
            command.Add(runsOption);
        }

        data.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var settings = new Settings(parse.GetValue(splitOption)!, parse.GetValue(seed), parse.GetValue(epochs) is int e and > 0 ? e : null, runs ? parse.GetValue(runsOption) : null);
                var outputs = new Outputs(data.InputPaths(parse)).Check(null, parse.GetValue(json));
                var dataSet = await data.LoadAsync(parse, context, cancellationToken);
                TutorialResult Run(int runSeed) =>
                    TrainingProgress.Run(context, callback => run(dataSet, settings with { Seed = runSeed }, [decimate ? new EveryTenthEpoch(callback) : callback]));

                async Task WriteRows(TutorialResult result, int runSeed)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{(split ? $"Split {settings.Split} (seed {runSeed})" : $"Split by time, seed {runSeed}")}: {result.TrainRows:N0} train, {result.TestRows:N0} test"));
                    foreach (var row in result.Rows)
                    {
                        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {row.Name}: {MetricsTable.Inline(row.Metrics)}  ({row.Runs} run{(row.Runs == 1 ? string.Empty : "s")} of {row.Epochs} epoch{(row.Epochs == 1 ? string.Empty : "s")}, {row.SecondsPerEpoch:F3} s/epoch)"));
                    }
                }

                var protocol = new JsonObject { ["split"] = split ? settings.Split : "by time, each user's last rating" };
                JsonReport Report(IReadOnlyDictionary<string, double> metrics, IEnumerable<JsonNode> rows, double seconds) =>
                    new JsonReport($"tutorial {name}")
                        .Set("tutorial", name)
                        .Set("data_set", dataSet.Name)
                        .Set("protocol", protocol)
                        .Metrics(metrics)
                        .Set("rows", new JsonArray([.. rows]))
                        .Timings(seconds, 0);

                if (parse.GetValue(seeds) is { Length: > 0 } seedList)
                {
                    var sweep = SeedSweep.Run(seedList, Run, (runSeed, result) => WriteRows(result, runSeed).GetAwaiter().GetResult());
                    SweepTable.Write(context, sweep);
                    if (parse.GetValue(json) is { } sweepPath)
                    {
                        WriteSweep(Report, protocol, sweep, sweepPath, outputs);
                    }

                    return 0;
                }

                var single = Run(settings.Seed);
                await WriteRows(single, settings.Seed);
                MetricsTable.Write(context, $"Test figures of {single.Rows.FirstOrDefault(r => ReferenceEquals(r.Metrics, single.Metrics))?.Name ?? single.Tutorial}", single.Metrics);
                if (parse.GetValue(json) is { } path)
                {
                    protocol["seed"] = settings.Seed;
                    protocol["train_rows"] = single.TrainRows;
                    protocol["test_rows"] = single.TestRows;
                    Report(single.Metrics, single.Rows.Select(Row), TrainingSeconds(single)).WriteTo(path, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }

    private static Option<int[]?> SeedsOption() => CliOptions.WholeNumbers("--seeds", "Run once at each of these seeds (each its own initial weights and shuffles, and its own split where the split is random) and report every figure's mean, standard deviation, lowest and highest across them; instead of --seed.", "S1,S2,...");

    private static void RefuseBoth(Command command, Option<int> seed, Option<int[]?> seeds, Option<string?>? save = null) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(seeds) is { Implicit: false } && result.GetResult(seed) is { Implicit: false })
            {
                result.AddError("Give --seed or --seeds, not both.");
            }

            if (save is not null && result.GetResult(seeds) is { Implicit: false } && result.GetResult(save) is { Implicit: false })
            {
                result.AddError("--save keeps one model; give --seed with it, not --seeds.");
            }
        });

    /// <summary>The JSON report of a run across seeds: the headline means, every model's figures across the seeds, and each seed's own run.</summary>
    private static void WriteSweep(Func<IReadOnlyDictionary<string, double>, IEnumerable<JsonNode>, double, JsonReport> report, JsonObject protocol, SeedSweep sweep, string path, Outputs outputs)
    {
        protocol["seeds"] = new JsonArray([.. sweep.Seeds.Select(s => (JsonNode)s)]);
        report(sweep.Metrics, sweep.Rows.Select(SweepRow), sweep.Results.Sum(TrainingSeconds))
            .Set("runs", new JsonArray([.. sweep.Results.Select((result, i) => (JsonNode)new JsonObject
            {
                ["seed"] = sweep.Seeds[i],
                ["train_rows"] = result.TrainRows,
                ["test_rows"] = result.TestRows,
                ["metrics"] = Figures(result.Metrics),
                ["rows"] = new JsonArray([.. result.Rows.Select(Row)]),
            })]))
            .WriteTo(path, outputs.Inputs);
    }

    /// <summary>Seconds spent training every model of a tutorial run.</summary>
    private static double TrainingSeconds(TutorialResult result) => result.Rows.Sum(r => r.SecondsPerEpoch * r.Epochs * r.Runs);

    private static JsonObject Figures(IReadOnlyDictionary<string, double> metrics) =>
        new([.. metrics.Select(m => KeyValuePair.Create(m.Key, Number(m.Value)))]);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : null;

    private static JsonNode SweepRow(SweepRow row) => new JsonObject
    {
        ["name"] = row.Name,
        ["figures"] = new JsonObject([.. row.Figures.Select(f => KeyValuePair.Create(f.Metric, (JsonNode?)new JsonObject
        {
            ["mean"] = Number(f.Mean),
            ["std"] = Number(f.StandardDeviation),
            ["min"] = Number(f.Min),
            ["max"] = Number(f.Max),
            ["not_finite"] = f.NotFinite,
            ["values"] = new JsonArray([.. f.Values.Select(Number)]),
        }))]),
    };

    private static JsonNode Row(TutorialRow row) => new JsonObject
    {
        ["name"] = row.Name,
        ["metrics"] = Figures(row.Metrics),
        ["runs"] = row.Runs,
        ["epochs"] = row.Epochs,
        ["seconds_per_epoch"] = row.SecondsPerEpoch,
    };

    /// <summary>What every tutorial subcommand takes.</summary>
    private sealed record Settings(string Split, int Seed, int? Epochs, int? Runs);

    /// <summary>Passes on every tenth epoch only, so that hundreds of epochs print tens of lines.</summary>
    private sealed class EveryTenthEpoch(TrainingCallback inner) : TrainingCallback
    {
        public override void OnTrainBegin(TrainingPlan plan) => inner.OnTrainBegin(plan);

        public override void OnEpochEnd(EpochLog log)
        {
            if ((log.Epoch + 1) % 10 == 0)
            {
                inner.OnEpochEnd(log);
            }
        }
    }

    private static Command BasicRetrievalCommand()
    {
        var data = new DataOptions();
        var split = new Option<string>("--split") { Description = "How the test ratings are held out (a one-fold protocol).", DefaultValueFactory = _ => "random:0.8" };
        CliOptions.Check(split, text => Evaluation.Protocols.Protocol.Parse(text));
        var seed = CliOptions.Seed(42);
        var dim = CliOptions.WholeNumber("--embedding-dim", "Length of the user and movie embeddings.", 32);
        var optimizer = new Option<string>("--optimizer") { Description = $"Optimizer and learning rate: {string.Join(" or ", OptimizerSettings.Names.Select(n => n + ":RATE"))}.", DefaultValueFactory = _ => "adagrad:0.1" };
        CliOptions.Check(optimizer, text => OptimizerSettings.Parse(text));
        var batchSize = CliOptions.WholeNumber("--batch-size", "Training ratings per batch (the in-batch negatives).", 8192);
        var evalBatchSize = CliOptions.WholeNumber("--eval-batch-size", "Batch size of the held-out loss.", 4096);
        var epochs = CliOptions.WholeNumber("--epochs", "Passes over the training ratings.", 3);
        var save = CliOptions.Save();
        var seeds = SeedsOption();
        var json = CliOptions.Json();
        var command = new Command("basic-retrieval", "TFRS's basic retrieval tutorial: a seeded 80/20 split, user-id and title towers, FactorizedTopK on the held-out ratings.")
        {
            split, seed, seeds, dim, optimizer, batchSize, evalBatchSize, epochs, save, json,
        };
        RefuseBoth(command, seed, seeds, save);
        data.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var options = new BasicRetrievalOptions
                {
                    Split = parse.GetValue(split)!,
                    Seed = parse.GetValue(seed),
                    EmbeddingDim = parse.GetValue(dim),
                    Optimizer = OptimizerSettings.Parse(parse.GetValue(optimizer)!),
                    BatchSize = parse.GetValue(batchSize),
                    EvalBatchSize = parse.GetValue(evalBatchSize),
                    Epochs = parse.GetValue(epochs),
                };
                var outputs = new Outputs(data.InputPaths(parse)).Check(parse.GetValue(save), parse.GetValue(json));
                var dataSet = await data.LoadAsync(parse, context, cancellationToken);
                JsonReport Report(IReadOnlyDictionary<string, double> metrics, JsonObject protocol) =>
                    new JsonReport("tutorial basic-retrieval")
                        .Set("model", "two-tower")
                        .Set("data_set", dataSet.Name)
                        .Set("protocol", protocol)
                        .Set("config", new JsonObject
                        {
                            ["embedding_dim"] = options.EmbeddingDim,
                            ["optimizer"] = options.Optimizer.ToString(),
                            ["batch_size"] = options.BatchSize,
                            ["eval_batch_size"] = options.EvalBatchSize,
                            ["epochs"] = options.Epochs,
                        })
                        .Metrics(metrics);

                if (parse.GetValue(seeds) is { Length: > 0 } seedList)
                {
                    var sweep = SeedSweep.Run(
                        seedList,
                        runSeed => TrainingProgress.Run(context, callback => BasicRetrieval.Run(dataSet.Interactions, options with { Seed = runSeed }, [callback])).AsTutorialResult(),
                        (runSeed, run) => context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Split {options.Split} (seed {runSeed}): {run.TrainRows:N0} train, {run.TestRows:N0} test; {MetricsTable.Inline(run.Metrics)}")));
                    SweepTable.Write(context, sweep);
                    if (parse.GetValue(json) is { } sweepPath)
                    {
                        var sweepProtocol = new JsonObject { ["split"] = options.Split };
                        WriteSweep((metrics, rows, seconds) => Report(metrics, sweepProtocol).Set("rows", new JsonArray([.. rows])).Timings(seconds, 0), sweepProtocol, sweep, sweepPath, outputs);
                    }

                    return 0;
                }

                var result = TrainingProgress.Run(context, callback => BasicRetrieval.Run(dataSet.Interactions, options, [callback]));
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Split {options.Split} (seed {options.Seed}): {result.TrainRows:N0} train, {result.TestRows:N0} test"));
                MetricsTable.Write(context, string.Create(CultureInfo.InvariantCulture, $"Evaluation on the {result.TestRows:N0} held-out ratings"), result.Evaluation);
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Trained in {result.History.Seconds:F2}s, evaluated in {result.EvaluationSeconds:F3}s"));
                if (parse.GetValue(save) is { } saveTo)
                {
                    RecommenderFile.Save(saveTo, result.Model, TrainingProvenance.For(dataSet, options.Split, options.Seed));
                    await context.Output.WriteLineAsync($"Saved the model to {saveTo}");
                }

                if (parse.GetValue(json) is { } path)
                {
                    Report(result.Evaluation, new JsonObject { ["split"] = options.Split, ["seed"] = options.Seed, ["train_rows"] = result.TrainRows, ["test_rows"] = result.TestRows })
                        .Epochs(result.History)
                        .Timings(result.History.Seconds, result.EvaluationSeconds)
                        .WriteTo(path, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }
}
