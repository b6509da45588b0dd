using System.Diagnostics;
using Reco.Data;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>
/// The TFRS quickstart, line for line, on any interactions: (user id, item label) pairs — for MovieLens,
/// (user id, movie title) — a vocabulary of each, two embedding towers, a retrieval task with factorized
/// top-k metrics over every item, Adagrad, then the evaluation on all the ratings and a brute-force index
/// answering "top k for one user".
/// </summary>
public static class Quickstart
{
    /// <summary>Runs the quickstart.</summary>
    /// <param name="data">The ratings; item labels (titles) are the candidates, as TFRS uses movie titles.</param>
    /// <param name="options">The settings; by default the tutorial's.</param>
    /// <param name="callbacks">Progress hooks for training.</param>
    public static QuickstartResult Run(Interactions data, QuickstartOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new QuickstartOptions();
        var ratings = new (string UserId, string MovieTitle)[data.Count];
        for (int r = 0; r < ratings.Length; r++)
        {
            ratings[r] = (data.Users[data.UserIndices[r]], data.Items.LabelOf(data.ItemIndices[r]));
        }

        var movies = Enumerable.Range(0, data.ItemCount).Select(data.Items.LabelOf).ToArray();
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

        var history = model.Fit(ratings, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: callbacks);

        var clock = Stopwatch.StartNew();
        var evaluation = model.Evaluate(ratings, batchSize: options.BatchSize);
        double evaluationSeconds = clock.Elapsed.TotalSeconds;

        var index = new BruteForce<string, string>(model.QueryModel);
        index.IndexFrom(movies, model.CandidateModel);
        var top = index.Query(options.User, k: options.K);
        return new QuickstartResult(model, history, evaluation, evaluationSeconds, options.User, top.Identifiers, userIdsVocabulary.Contains(options.User), ratings.Length);
    }
}
