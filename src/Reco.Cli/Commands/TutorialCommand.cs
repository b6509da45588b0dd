using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Optimizers;
using Reco.Recipes;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary><c>reco tutorial NAME</c>: TensorFlow Recommenders' tutorials reproduced, each through its library recipe.</summary>
internal static class TutorialCommand
{
    public static Command Create() => new("tutorial", "Run a TensorFlow Recommenders tutorial on MovieLens and report its figures.")
    {
        BasicRetrievalCommand(),
    };

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
        var json = CliOptions.Json();
        var command = new Command("basic-retrieval", "TFRS's basic retrieval tutorial: a seeded 80/20 split, user-id and title towers, FactorizedTopK on the held-out ratings.")
        {
            split, seed, dim, optimizer, batchSize, evalBatchSize, epochs, save, json,
        };
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
                    new JsonReport("tutorial basic-retrieval")
                        .Set("model", "two-tower")
                        .Set("data_set", dataSet.Name)
                        .Set("protocol", new JsonObject { ["split"] = options.Split, ["seed"] = options.Seed, ["train_rows"] = result.TrainRows, ["test_rows"] = result.TestRows })
                        .Set("config", new JsonObject
                        {
                            ["embedding_dim"] = options.EmbeddingDim,
                            ["optimizer"] = options.Optimizer.ToString(),
                            ["batch_size"] = options.BatchSize,
                            ["eval_batch_size"] = options.EvalBatchSize,
                            ["epochs"] = options.Epochs,
                        })
                        .Metrics(result.Evaluation)
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
