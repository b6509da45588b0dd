using Reco.Data;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's deep-recommenders tutorial: the featurization tutorial's towers (user id and timestamp; title and
/// title words) followed by dense layers — one layer of 32, two of 64 and 32, three of 128, 64 and 32 (ReLU
/// between them) — trained with the retrieval task for 300 epochs (Adagrad 0.1, batches of 2,048 reshuffled
/// every epoch, no metrics while training), then FactorizedTopK on the test share of a seeded 80/20 split.
/// The two-layer model is the headline.
/// </summary>
public static class DeepRecommenders
{
    /// <summary>Runs the tutorial.</summary>
    public static TutorialResult Run(Interactions data, DeepRecommendersOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new DeepRecommendersOptions();
        var (trainRows, testRows) = TutorialData.Split(data, options, "deep-recommenders");
        var train = ContextFeatures.Pairs(trainRows);
        var test = ContextFeatures.Pairs(testRows);
        var rows = new List<TutorialRow>();
        IReadOnlyDictionary<string, double>? headline = null;
        foreach (var sizes in options.LayerSizes)
        {
            RandomSeed.Set(options.Seed);
            var movies = TutorialData.Titles(data);
            var query = FeatureTowers.Query(data, useTimestamps: true, sizes);
            var candidate = FeatureTowers.Candidate(data, sizes);
            var model = new TwoTowerModel<(string User, long Timestamp), string>(query, candidate, new Retrieval(metrics: new FactorizedTopK<string>(movies, candidate)));
            model.Compile(options.Optimizer.Create());
            var history = model.Fit(train, options.BatchSize, options.Epochs ?? 300, shuffle: true, seed: options.Seed, callbacks: callbacks, computeMetrics: false);
            var metrics = model.Evaluate(test, options.EvalBatchSize);
            rows.Add(TutorialData.Row($"{sizes.Count} layer{(sizes.Count == 1 ? string.Empty : "s")} [{string.Join(", ", sizes)}]", history, metrics));
            if (headline is null || sizes.SequenceEqual([64, 32]))
            {
                headline = metrics;
            }
        }

        return new TutorialResult("deep-recommenders", headline ?? new Dictionary<string, double>(), rows, train.Length, test.Length);
    }
}
