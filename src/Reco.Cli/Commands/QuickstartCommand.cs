using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Recipes;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco quickstart</c>: the TFRS quickstart end to end on MovieLens 100k (or any data) — vocabularies,
/// two 64-d towers, a retrieval task with factorized top-k metrics, Adagrad(0.5), batch 4096, 3 epochs, a
/// brute-force index and the top 3 for user 42 — through <see cref="Quickstart"/>.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var json = CliOptions.Json();
        var save = CliOptions.Save();
        var seed = CliOptions.Seed(42);
        var epochs = CliOptions.WholeNumber("--epochs", "Passes over the ratings.", 3);
        var batchSize = CliOptions.WholeNumber("--batch-size", "Ratings per batch (the in-batch negatives).", 4096);
        var dim = CliOptions.WholeNumber("--embedding-dim", "Length of the user and movie embeddings.", 64);
        var learningRate = CliOptions.Positive("--learning-rate", "Adagrad learning rate.", 0.5f);
        var user = new Option<string>("--user") { Description = "The user to recommend for.", DefaultValueFactory = _ => "42" };
        var k = CliOptions.WholeNumber("-k", "How many recommendations to print.", 3);

        var command = new Command("quickstart", "Run the TensorFlow Recommenders quickstart on MovieLens 100k, end to end.")
        {
            epochs, batchSize, dim, learningRate, seed, user, k, save, json,
        };
        data.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var options = new QuickstartOptions
                {
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batchSize),
                    EmbeddingDim = parse.GetValue(dim),
                    LearningRate = parse.GetValue(learningRate),
                    Seed = parse.GetValue(seed),
                    User = parse.GetValue(user)!,
                    K = parse.GetValue(k),
                };
                var saveTo = parse.GetValue(save);
                var jsonPath = parse.GetValue(json);
                var outputs = new Outputs(data.InputPaths(parse)).Check(saveTo, jsonPath);
                var dataSet = await data.LoadAsync(parse, context, cancellationToken);
                var result = TrainingProgress.Run(context, callback => Quickstart.Run(dataSet.Interactions, options, [callback]));

                MetricsTable.Write(context, "Evaluation on all ratings", result.Evaluation);
                if (!result.UserKnown)
                {
                    await context.Error.WriteLineAsync($"warning: user '{options.User}' is not in the ratings; TFRS answers from the untrained out-of-vocabulary embedding, and so does this index.");
                }

                await context.Output.WriteLineAsync($"Top {options.K} recommendations for user {options.User}: [{string.Join(", ", result.Recommendations)}]");
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Trained in {result.History.Seconds:F2}s, evaluated in {result.EvaluationSeconds:F3}s"));
                if (saveTo is not null)
                {
                    RecommenderFile.Save(saveTo, result.Model, TrainingProvenance.For(dataSet, "none", options.Seed));
                    await context.Output.WriteLineAsync($"Saved the model to {saveTo}");
                }

                if (jsonPath is not null)
                {
                    new JsonReport("quickstart")
                        .Set("data_set", dataSet.Name)
                        .Set("config", new JsonObject
                        {
                            ["epochs"] = options.Epochs,
                            ["batch_size"] = options.BatchSize,
                            ["embedding_dim"] = options.EmbeddingDim,
                            ["optimizer"] = result.Model.Optimizer!.ToString(),
                            ["seed"] = options.Seed,
                            ["evaluated_rows"] = result.Ratings,
                        })
                        .Metrics(result.Evaluation)
                        .Epochs(result.History)
                        .Timings(result.History.Seconds, result.EvaluationSeconds)
                        .Set("recommendations", new JsonObject { ["user"] = options.User, ["items"] = new JsonArray([.. result.Recommendations.Select(t => (JsonNode?)t)]) })
                        .WriteTo(jsonPath, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }
}
