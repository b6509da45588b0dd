using Reco.Data;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's context-features tutorial: the featurization tutorial's towers (user id with or without timestamp
/// features; title and title words), each projected by a dense layer of 32, trained with the retrieval task
/// for three epochs (Adagrad 0.1, batches of 2,048 reshuffled every epoch), first without and then with the
/// timestamps; FactorizedTopK on the training and test shares of a seeded 80/20 split.
/// </summary>
public static class ContextFeatures
{
    /// <summary>Runs the tutorial: the baseline without timestamps, then the model with them (the headline figures).</summary>
    public static TutorialResult Run(Interactions data, ContextFeaturesOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ContextFeaturesOptions();
        var (trainRows, testRows) = TutorialData.Split(data, options, "context-features");
        var train = Pairs(trainRows);
        var test = Pairs(testRows);
        var rows = new List<TutorialRow>();
        IReadOnlyDictionary<string, double> headline = new Dictionary<string, double>();
        foreach (bool useTimestamps in new[] { false, true })
        {
            RandomSeed.Set(options.Seed);
            var movies = TutorialData.Titles(data);
            var query = FeatureTowers.Query(data, useTimestamps, [32]);
            var candidate = FeatureTowers.Candidate(data, [32]);
            var model = new TwoTowerModel<(string User, long Timestamp), string>(query, candidate, new Retrieval(metrics: new FactorizedTopK<string>(movies, candidate)));
            model.Compile(options.Optimizer.Create());
            var history = model.Fit(train, options.BatchSize, options.Epochs ?? 3, shuffle: true, seed: options.Seed, callbacks: callbacks);
            var trainTop = model.EvaluateMetrics(train);
            var metrics = new Dictionary<string, double>(model.Evaluate(test, options.EvalBatchSize));
            foreach (var (key, value) in trainTop)
            {
                metrics["train_" + key] = value;
            }

            rows.Add(TutorialData.Row(useTimestamps ? "with timestamps" : "without timestamps (baseline)", history, metrics));
            headline = metrics;
        }

        return new TutorialResult("context-features", headline, rows, train.Length, test.Length);
    }

    /// <summary>((user id, timestamp), title) of every row.</summary>
    internal static ((string User, long Timestamp) Query, string Title)[] Pairs(Interactions rows) =>
        [.. Enumerable.Range(0, rows.Count).Select(r => TutorialData.Row(rows, r)).Select(x => ((x.User, x.Time), x.Title))];
}
