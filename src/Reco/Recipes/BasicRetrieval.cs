using System.Diagnostics;
using Reco.Data;
using Reco.Evaluation.Protocols;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>
/// TFRS's basic-retrieval tutorial as a protocol: a seeded random split of the ratings, vocabularies of
/// every user id and every item label, user-id and label towers, the in-batch softmax on the training
/// share, and FactorizedTopK over every item on the held-out share.
/// </summary>
public static class BasicRetrieval
{
    /// <summary>Runs the tutorial.</summary>
    /// <param name="data">The ratings; item labels (titles) are the candidates, as TFRS uses movie titles.</param>
    /// <param name="options">The settings; by default the tutorial's.</param>
    /// <param name="callbacks">Progress hooks for training.</param>
    public static BasicRetrievalResult Run(Interactions data, BasicRetrievalOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new BasicRetrievalOptions();
        var folds = Protocol.Parse(options.Split, options.Seed).Folds(data).ToArray();
        if (folds.Length != 1)
        {
            throw new ArgumentException($"The basic-retrieval tutorial holds out one test share; protocol {options.Split} makes {folds.Length} folds.");
        }

        var fold = folds[0];
        Evaluation.CrossValidation.Check(fold);
        var train = Pairs(fold.Train);
        var test = Pairs(fold.Test);
        var movies = Enumerable.Range(0, data.ItemCount).Select(data.Items.LabelOf).ToArray();
        RandomSeed.Set(options.Seed);

        // As in the tutorial: vocabularies of every user id and every movie title.
        var userIds = new StringLookup(Enumerable.Range(0, data.UserCount).Select(u => data.Users[u]).Order(StringComparer.Ordinal));
        var titles = new StringLookup(movies.Distinct().Order(StringComparer.Ordinal));
        var userModel = new Sequential<string>(userIds, new Embedding(userIds.VocabularySize, options.EmbeddingDim));
        var movieModel = new Sequential<string>(titles, new Embedding(titles.VocabularySize, options.EmbeddingDim));
        var model = new TwoTowerModel<string, string>(userModel, movieModel, new Retrieval(metrics: new FactorizedTopK<string>(movies, movieModel)));
        model.Compile(options.Optimizer.Create());

        var history = model.Fit(train, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: callbacks);
        var clock = Stopwatch.StartNew();
        var evaluation = model.Evaluate(test, batchSize: options.EvalBatchSize);
        return new BasicRetrievalResult(model, history, evaluation, clock.Elapsed.TotalSeconds, train.Length, test.Length);
    }

    private static (string User, string Item)[] Pairs(Interactions rows)
    {
        var pairs = new (string, string)[rows.Count];
        for (int r = 0; r < pairs.Length; r++)
        {
            pairs[r] = (rows.Users[rows.UserIndices[r]], rows.Items.LabelOf(rows.ItemIndices[r]));
        }

        return pairs;
    }
}
