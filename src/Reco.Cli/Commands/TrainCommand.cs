using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Data;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models;
using Reco.Optimizers;
using Reco.Serialization;
using Reco.Tasks;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco train ALGORITHM</c>. <c>two-tower</c> runs the TFRS basic-retrieval protocol — a seeded random
/// split, user-id and movie-title towers, in-batch softmax training, and FactorizedTopK on the held-out
/// ratings; every other algorithm of the catalogue is trained by <see cref="ClassicTrain"/>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var algorithm = new Argument<string>("algorithm") { Description = ClassicTrain.AlgorithmHelp(), HelpName = "ALGORITHM" };
        algorithm.AcceptOnlyFromAmong([.. AlgorithmCatalog.All.Select(a => a.Name)]);
        var algorithmOptions = new Option<string[]>("--option", "-o")
        {
            Description = "A hyper-parameter of the algorithm as key=value (repeatable); see the list below. two-tower takes its flags instead.",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dataDir = CommonOptions.DataDir();
        var source = new Sources.DataSourceOptions();
        var split = new Option<string>("--split") { Description = "How to hold out test ratings: random:FRACTION (the training share).", DefaultValueFactory = _ => "random:0.8" };
        var seed = CommonOptions.Seed(42);
        var dim = CommonOptions.Positive("--embedding-dim", "Length of the user and movie embeddings.", 32);
        var optimizer = new Option<string>("--optimizer") { Description = $"Optimizer and learning rate: {string.Join(" or ", OptimizerSpec.Names.Select(n => n + ":RATE"))}.", DefaultValueFactory = _ => "adagrad:0.1" };
        var batchSize = CommonOptions.Positive("--batch-size", "Training ratings per batch (the in-batch negatives).", 8192);
        var evalBatchSize = CommonOptions.Positive("--eval-batch-size", "Batch size of the held-out loss.", 4096);
        var epochs = CommonOptions.Positive("--epochs", "Passes over the training ratings.", 3);
        var save = CommonOptions.Save();
        var json = CommonOptions.Json();

        var command = new Command("train", "Train a model and evaluate it on held-out data (`reco train --help` lists the algorithms and their options).")
        {
            algorithm, algorithmOptions, dataDir, split, seed, dim, optimizer, batchSize, evalBatchSize, epochs, save, json,
        };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                double trainFraction = SplitOption.ParseRandomFraction(parse.GetValue(split)!);
                var name = parse.GetValue(algorithm)!;
                if (name != "two-tower" || source.IsGiven(parse))
                {
                    // Every algorithm through the common contract; two-tower on other data takes its flags as options.
                    string[] chosen = name != "two-tower" ? parse.GetValue(algorithmOptions) ?? [] :
                    [
                        $"dim={parse.GetValue(dim)}", $"epochs={parse.GetValue(epochs)}", $"batch-size={parse.GetValue(batchSize)}",
                        $"optimizer={parse.GetValue(optimizer)}", $"seed={parse.GetValue(seed)}",
                    ];
                    AlgorithmCatalog.Create(name, chosen);
                    var input = await DataInput.LoadAsync(parse, context, parse.GetValue(dataDir), source, cancellationToken);
                    ClassicTrain.Run(context, input, name, chosen, trainFraction, parse.GetValue(seed), parse.GetValue(save), parse.GetValue(json));
                    return 0;
                }

                if (parse.GetValue(algorithmOptions) is { Length: > 0 })
                {
                    throw new FormatException("two-tower takes its hyper-parameters as flags (--embedding-dim, --optimizer, ...), not --option.");
                }

                var chosenOptimizer = OptimizerSpec.Parse(parse.GetValue(optimizer)!);
                var (data, folder) = await MovieLensData.LoadAsync(context, parse.GetValue(dataDir), cancellationToken);
                var options = new Options(trainFraction, parse.GetValue(seed), parse.GetValue(dim), chosenOptimizer, parse.GetValue(batchSize), parse.GetValue(evalBatchSize), parse.GetValue(epochs));
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Loaded {data.Ratings.Count:N0} ratings and {data.Movies.Count:N0} movies from {folder}"));
                Run(context, data, options, parse.GetValue(save), parse.GetValue(json));
                return 0;
            });
        });
        return command;
    }

    private static void Run(CliContext context, Data.MovieLens.MovieLens100K data, Options options, string? saveTo, string? jsonPath)
    {
        var ratings = data.Ratings.Select(r => (r.UserId, r.MovieTitle)).ToArray();
        var movies = data.Movies.Select(m => m.Title).ToArray();
        var (train, test) = RandomSplit.Split(ratings, options.TrainFraction, options.Seed);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Split random:{options.TrainFraction} (seed {options.Seed}): {train.Count:N0} train, {test.Count:N0} test"));
        RandomSeed.Set(options.Seed);

        // As in TFRS's basic_retrieval tutorial: vocabularies of every user id and every movie title.
        var userIds = new StringLookup(ratings.Select(r => r.UserId).Distinct().Order(StringComparer.Ordinal));
        var titles = new StringLookup(movies.Distinct().Order(StringComparer.Ordinal));
        var userModel = new Sequential<string>(userIds, new Embedding(userIds.VocabularySize, options.EmbeddingDim));
        var movieModel = new Sequential<string>(titles, new Embedding(titles.VocabularySize, options.EmbeddingDim));
        var task = new Retrieval(metrics: new FactorizedTopK<string>(movies, movieModel));
        var model = new TwoTowerModel<string, string>(userModel, movieModel, task);
        model.Compile(options.Optimizer);

        var history = TrainingProgress.Run(context, callback => model.Fit(train, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: [callback]));
        var clock = Stopwatch.StartNew();
        var evaluation = model.Evaluate(test, batchSize: options.EvalBatchSize);
        double evalSeconds = clock.Elapsed.TotalSeconds;
        MetricsTable.Write(context, $"Evaluation on the {test.Count:N0} held-out ratings", evaluation);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained in {history.Seconds:F2}s, evaluated in {evalSeconds:F3}s"));

        if (saveTo is not null)
        {
            model.Save(saveTo, Catalogue.FromItems(movies, train.Select(r => r.MovieTitle)), new Dictionary<string, string>
            {
                ["data_set"] = "movielens/100k",
                ["recipe"] = "basic_retrieval",
                ["split"] = string.Create(CultureInfo.InvariantCulture, $"random:{options.TrainFraction}"),
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            });
            context.Output.WriteLine($"Saved the model to {saveTo}");
        }

        if (jsonPath is not null)
        {
            new JsonReport("train")
                .Set("model", "two-tower")
                .Set("data_set", "movielens/100k")
                .Set("protocol", new JsonObject { ["split"] = string.Create(CultureInfo.InvariantCulture, $"random:{options.TrainFraction}"), ["seed"] = options.Seed, ["train_rows"] = train.Count, ["test_rows"] = test.Count })
                .Set("config", new JsonObject
                {
                    ["embedding_dim"] = options.EmbeddingDim,
                    ["optimizer"] = options.Optimizer.ToString(),
                    ["batch_size"] = options.BatchSize,
                    ["eval_batch_size"] = options.EvalBatchSize,
                    ["epochs"] = options.Epochs,
                })
                .Metrics(evaluation)
                .Epochs(history)
                .Timings(history.Seconds, evalSeconds)
                .WriteTo(jsonPath);
        }
    }

    private sealed record Options(double TrainFraction, int Seed, int EmbeddingDim, Optimizer Optimizer, int BatchSize, int EvalBatchSize, int Epochs);
}
