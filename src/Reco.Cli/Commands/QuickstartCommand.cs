using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Data;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models;
using Reco.Optimizers;
using Reco.Serialization;
using Reco.Tasks;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco quickstart</c>: the TFRS quickstart end to end on MovieLens 100k — vocabularies, two
/// 64-d towers, a retrieval task with factorized top-k metrics, Adagrad(0.5), batch 4096, 3 epochs,
/// a brute-force index and the top 3 for user 42.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var source = new Sources.DataSourceOptions();
        var json = CommonOptions.Json();
        var save = CommonOptions.Save();
        var seed = CommonOptions.Seed(42);
        var epochs = CommonOptions.Positive("--epochs", "Passes over the ratings.", 3);
        var batchSize = CommonOptions.Positive("--batch-size", "Ratings per batch (the in-batch negatives).", 4096);
        var dim = CommonOptions.Positive("--embedding-dim", "Length of the user and movie embeddings.", 64);
        var learningRate = new Option<float>("--learning-rate") { Description = "Adagrad learning rate.", DefaultValueFactory = _ => 0.5f };
        var user = new Option<string>("--user") { Description = "The user to recommend for.", DefaultValueFactory = _ => "42" };
        var k = CommonOptions.Positive("-k", "How many recommendations to print.", 3);

        var command = new Command("quickstart", "Run the TensorFlow Recommenders quickstart on MovieLens 100k, end to end.")
        {
            dataDir, epochs, batchSize, dim, learningRate, seed, user, k, save, json,
        };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var options = new QuickstartOptions(parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(dim), parse.GetValue(learningRate), parse.GetValue(seed));
                var input = await DataInput.LoadAsync(parse, context, parse.GetValue(dataDir), source, cancellationToken);

                // MovieLens: (user id, movie title) pairs and every row of u.item, as TFRS's quickstart.
                // Other data: (user id, item name) pairs and every item.
                (string UserId, string MovieTitle)[] ratings;
                string[] movies;
                if (input.MovieLens is { } movieLens)
                {
                    ratings = [.. movieLens.Ratings.Select(r => (r.UserId, r.MovieTitle))];
                    movies = [.. movieLens.Movies.Select(m => m.Title)];
                }
                else
                {
                    var all = input.All;
                    ratings = [.. Enumerable.Range(0, all.Count).Select(r => (all.Users[all.UserIndices[r]], input.ItemLabel(all.Items[all.ItemIndices[r]])))];
                    movies = [.. all.Items.Ids.Select(input.ItemLabel)];
                }

                Run(context, ratings, movies, input.DataSet, options, parse.GetValue(user)!, parse.GetValue(k), parse.GetValue(save), parse.GetValue(json));
                return 0;
            });
        });
        return command;
    }

    private static void Run(CliContext context, (string UserId, string MovieTitle)[] ratings, string[] movies, string dataSet, QuickstartOptions options, string user, int k, string? saveTo, string? jsonPath)
    {
        // The quickstart, line for line.
        RandomSeed.Set(options.Seed);

        var userIdsVocabulary = new StringLookup();
        userIdsVocabulary.Adapt(ratings.Select(r => r.UserId));
        var movieTitlesVocabulary = new StringLookup();
        movieTitlesVocabulary.Adapt(movies);

        var userModel = new Sequential<string>(userIdsVocabulary, new Embedding(userIdsVocabulary.VocabularySize, options.EmbeddingDim));
        var movieModel = new Sequential<string>(movieTitlesVocabulary, new Embedding(movieTitlesVocabulary.VocabularySize, options.EmbeddingDim));
        var task = new Retrieval(metrics: new FactorizedTopK<string>(movies, movieModel));
        var model = new TwoTowerModel<string, string>(userModel, movieModel, task);
        model.Compile(new Adagrad(learningRate: options.LearningRate));

        var history = TrainingProgress.Run(context, callback => model.Fit(ratings, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: [callback]));

        var clock = Stopwatch.StartNew();
        var evaluation = model.Evaluate(ratings, batchSize: options.BatchSize);
        double evalSeconds = clock.Elapsed.TotalSeconds;
        MetricsTable.Write(context, "Evaluation on all ratings", evaluation);

        var index = new BruteForce<string, string>(model.QueryModel);
        index.IndexFrom(movies, model.CandidateModel);
        var top = index.Query(user, k);
        if (!userIdsVocabulary.Contains(user))
        {
            context.Error.WriteLine($"warning: user '{user}' is not in the ratings; TFRS answers from the untrained out-of-vocabulary embedding, and so does this index.");
        }

        context.Output.WriteLine($"Top {k} recommendations for user {user}: [{string.Join(", ", top.Identifiers)}]");
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained in {history.Seconds:F2}s, evaluated in {evalSeconds:F3}s"));

        if (saveTo is not null)
        {
            model.Save(saveTo, Catalogue.FromItems(movies, ratings.Select(r => r.MovieTitle)), new Dictionary<string, string>
            {
                ["data_set"] = dataSet,
                ["recipe"] = "quickstart",
                ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                ["batch_size"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            });
            context.Output.WriteLine($"Saved the model to {saveTo}");
        }

        if (jsonPath is not null)
        {
            new JsonReport("quickstart")
                .Set("data_set", dataSet)
                .Set("config", new JsonObject
                {
                    ["epochs"] = options.Epochs,
                    ["batch_size"] = options.BatchSize,
                    ["embedding_dim"] = options.EmbeddingDim,
                    ["optimizer"] = model.Optimizer!.ToString(),
                    ["seed"] = options.Seed,
                    ["evaluated_rows"] = ratings.Length,
                })
                .Metrics(evaluation)
                .Epochs(history)
                .Timings(history.Seconds, evalSeconds)
                .Set("recommendations", new JsonObject { ["user"] = user, ["items"] = new JsonArray([.. top.Identifiers.Select(t => (JsonNode?)t)]) })
                .WriteTo(jsonPath);
        }
    }

    private sealed record QuickstartOptions(int Epochs, int BatchSize, int EmbeddingDim, float LearningRate, int Seed);
}
