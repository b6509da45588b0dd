using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reco.Cli.Display;
using Reco.Cli.Reports;
using Reco.Data;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Serialization;
using Reco.Training;

namespace Reco.Cli.Commands;

/// <summary>
/// <c>reco train</c> for every catalogue algorithm but two-tower: a seeded random split of the ratings,
/// fit on the training share, then RMSE/MAE (rating predictors) and precision@10 with training items
/// excluded (everyone) on the held-out share.
/// </summary>
internal static class ClassicTrain
{
    public static string AlgorithmHelp()
    {
        var text = new StringBuilder("Algorithms and their options (--option key=value; defaults shown):");
        foreach (var algorithm in AlgorithmCatalog.All)
        {
            text.Append("\n  ").Append(algorithm.Name).Append(": ").Append(algorithm.Description);
            if (algorithm.Name == "two-tower")
            {
                text.Append(" (options as flags below)");
                continue;
            }

            foreach (var p in algorithm.Parameters)
            {
                text.Append("\n      ").Append(p.Name).Append('=').Append(p.Default).Append("  ").Append(p.Description);
            }
        }

        return text.ToString();
    }

    public static void Run(CliContext context, DataInput data, string name, string[] options, double trainFraction, int seed, string? saveTo, string? jsonPath)
    {
        var all = data.All;
        var (train, test) = InteractionSplits.Random(all, trainFraction, seed);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Split random:{trainFraction} (seed {seed}): {train.Count:N0} train, {test.Count:N0} test"));

        var model = AlgorithmCatalog.Create(name, options, data.ItemFeatures);
        var epochs = new EpochLines(context);
        var clock = Stopwatch.StartNew();
        model.Fit(train, [epochs]);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metrics = Evaluator.Evaluate(model, test, new EvaluationOptions { Ks = [10], ItemVectors = data.ItemVectors }).Metrics;
        double evalSeconds = clock.Elapsed.TotalSeconds;
        MetricsTable.Write(context, $"Evaluation on the {test.Count:N0} held-out interactions (training items excluded)", metrics);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained in {trainSeconds:F2}s, evaluated in {evalSeconds:F3}s"));

        if (saveTo is not null)
        {
            var persistent = model as IPersistentRecommender ?? throw new ArgumentException($"The {name} model cannot be saved.");
            RecommenderFile.Save(saveTo, persistent, [.. all.Items.Ids.Select(data.ItemLabel)]);
            context.Output.WriteLine($"Saved the model to {saveTo}");
        }

        if (jsonPath is not null)
        {
            var parsed = AlgorithmOptions.Parse(AlgorithmCatalog.Get(name), options);
            var config = new JsonObject();
            foreach (var p in AlgorithmCatalog.Get(name).Parameters)
            {
                config[p.Name] = parsed.String(p.Name);
            }

            new JsonReport("train")
                .Set("model", name)
                .Set("data_set", data.DataSet)
                .Set("protocol", new JsonObject { ["split"] = string.Create(CultureInfo.InvariantCulture, $"random:{trainFraction}"), ["seed"] = seed, ["train_rows"] = train.Count, ["test_rows"] = test.Count })
                .Set("config", config)
                .Metrics(metrics)
                .Epochs(epochs.Logs)
                .Timings(trainSeconds, evalSeconds)
                .WriteTo(jsonPath);
        }
    }

    /// <summary>One line per epoch, and the logs for the JSON report.</summary>
    private sealed class EpochLines(CliContext context) : TrainingCallback
    {
        private int _epochs;

        public List<EpochLog> Logs { get; } = [];

        public override void OnTrainBegin(TrainingPlan plan) => _epochs = plan.Epochs;

        public override void OnEpochEnd(EpochLog log)
        {
            Logs.Add(log);
            if (_epochs > 1)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {log.Epoch + 1}/{_epochs}  loss {log.Logs.GetValueOrDefault("loss"):F4}  {log.Seconds:F3}s"));
            }
        }
    }
}
