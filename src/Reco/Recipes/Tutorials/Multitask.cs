using System.Globalization;
using Reco.Data;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's multitask tutorial: user-id and title embeddings shared by a retrieval task and a rating task (ReLU
/// layers of 256 and 128 units over both embeddings, then the rating), trained on the weighted sum of the two
/// losses for three epochs (Adagrad 0.1, batches of 8,192) with weights (rating, retrieval) = (1, 0), (0, 1)
/// and (1, 1); FactorizedTopK and RMSE on the test share of a seeded 80/20 split.
/// </summary>
public static class Multitask
{
    /// <summary>Runs the tutorial.</summary>
    public static TutorialResult Run(Interactions data, MultitaskOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new MultitaskOptions();
        var (trainRows, testRows) = TutorialData.Split(data, options, "multitask");
        var train = Triples(trainRows);
        var test = Triples(testRows);
        var shuffled = TutorialData.Shuffled(train, options.Seed);
        var rows = new List<TutorialRow>();
        IReadOnlyDictionary<string, double> headline = new Dictionary<string, double>();
        foreach (var (ratingWeight, retrievalWeight) in options.Weights)
        {
            RandomSeed.Set(options.Seed);
            var model = Model(data, options, ratingWeight, retrievalWeight);
            model.Compile(options.Optimizer.Create());
            var history = model.Fit(shuffled, options.BatchSize, options.Epochs ?? 3, callbacks: callbacks);
            headline = model.Evaluate(test, options.EvalBatchSize);
            rows.Add(TutorialData.Row(string.Create(CultureInfo.InvariantCulture, $"rating weight {ratingWeight}, retrieval weight {retrievalWeight}"), history, headline));
        }

        return new TutorialResult("multitask", headline, rows, train.Length, test.Length);
    }

    /// <summary>The tutorial's model with the given loss weights.</summary>
    public static TwoTowerModel<string, string> Model(Interactions data, MultitaskOptions options, float ratingWeight, float retrievalWeight)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var movies = TutorialData.Titles(data);
        var titles = new StringLookup(TutorialData.Unique(movies));
        var users = new StringLookup(TutorialData.UserIds(data));
        var movieModel = new Sequential<string>(titles, new Embedding(titles.VocabularySize, options.EmbeddingDim));
        var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, options.EmbeddingDim));
        ILayer[] ratingModel = [.. options.RatingLayers.Select(units => new Dense(units, Activation.Relu)), new Dense(1)];
        return new TwoTowerModel<string, string>(
            userModel,
            movieModel,
            new Retrieval(metrics: new FactorizedTopK<string>(movies, movieModel)),
            new Ranking(),
            ratingModel,
            retrievalWeight: retrievalWeight,
            ratingWeight: ratingWeight);
    }

    private static (string User, string Title, float Rating)[] Triples(Interactions rows) =>
        [.. Enumerable.Range(0, rows.Count).Select(r => TutorialData.Row(rows, r)).Select(x => (x.User, x.Title, x.Rating))];
}
