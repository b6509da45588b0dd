using Reco.Data;
using Reco.Data.MovieLens;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Recipes;
using Reco.Tasks;

namespace Reco.Tests.Recipes;

/// <summary>The quickstart recipe against the same program written out, as samples/Quickstart has it.</summary>
[Collection(GlobalRandomSeed.Name)]
public class QuickstartTests
{
    [Fact]
    public void RunGivesExactlyWhatTheWrittenOutQuickstartGives()
    {
        var folder = MovieLensFiles.Write(users: 30, movies: 40, ratingsPerUser: 12, seed: 3);
        var options = new QuickstartOptions { Epochs = 2, BatchSize = 64, EmbeddingDim = 8, LearningRate = 0.5f, Seed = 42, User = "3", K = 3 };
        var result = Quickstart.Run(DataSet.LoadMovieLens(folder).Interactions, options);

        // The program of samples/Quickstart with the options above.
        var data = MovieLens100K.Load(folder);
        RandomSeed.Set(42);
        var ratings = data.Ratings.Select(r => (r.UserId, r.MovieTitle)).ToArray();
        var movies = data.Movies.Select(m => m.Title).ToArray();
        var userIdsVocabulary = new StringLookup();
        userIdsVocabulary.Adapt(ratings.Select(r => r.UserId));
        var movieTitlesVocabulary = new StringLookup();
        movieTitlesVocabulary.Adapt(movies);
        var userModel = new Sequential<string>(userIdsVocabulary, new Embedding(userIdsVocabulary.VocabularySize, 8));
        var movieModel = new Sequential<string>(movieTitlesVocabulary, new Embedding(movieTitlesVocabulary.VocabularySize, 8));
        var task = new Retrieval(metrics: new FactorizedTopK<string>(candidates: movies, candidateModel: movieModel));
        var model = new TwoTowerModel<string, string>(userModel, movieModel, task);
        model.Compile(new Adagrad(learningRate: 0.5f));
        var history = model.Fit(ratings, batchSize: 64, epochs: 2);
        var evaluation = model.Evaluate(ratings, batchSize: 64);
        var index = new BruteForce<string, string>(model.QueryModel);
        index.IndexFrom(movies, model.CandidateModel);
        var (_, titles) = index.Query("3", k: 3);

        Assert.Equal(2, result.History.Epochs.Count);
        foreach (var key in history.Epochs[0].Logs.Keys)
        {
            Assert.Equal(history[key], result.History[key]);
        }

        Assert.Equal(evaluation, result.Evaluation);
        Assert.Equal(titles, result.Recommendations);
        Assert.Equal("3", result.User);
        Assert.True(result.UserKnown);
        Assert.Equal(ratings.Length, result.Ratings);

        // What the sample prints each epoch is in the logs under these names.
        Assert.Contains("factorized_top_k@100", history.Epochs[0].Logs.Keys);
        Assert.Contains("loss", history.Epochs[0].Logs.Keys);

        // The trained model is a recommender over (user id, title) interactions.
        Assert.Equal(movies.Distinct().Count(), result.Model.TrainingData!.ItemCount);
    }

    [Fact]
    public void AnUnknownUserIsAnsweredFromTheOutOfVocabularyRow()
    {
        var folder = MovieLensFiles.Write(users: 6, movies: 10, ratingsPerUser: 3, seed: 4);
        var result = Quickstart.Run(DataSet.LoadMovieLens(folder).Interactions, new QuickstartOptions { Epochs = 1, BatchSize = 8, EmbeddingDim = 4, User = "999", K = 2 });
        Assert.False(result.UserKnown);
        Assert.Equal(2, result.Recommendations.Count);
    }
}
