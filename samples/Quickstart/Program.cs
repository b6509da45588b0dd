// The TensorFlow Recommenders quickstart, in C#.
// Usage: dotnet run --project samples/Quickstart -- [ml-100k folder]
// Without a folder, MovieLens 100k is downloaded from GroupLens into the cache and verified.
using Reco;
using Reco.Data;
using Reco.Data.Download;
using Reco.Data.MovieLens;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;

var folder = args.Length > 0 ? args[0] : await new DatasetCache().EnsureAsync(DatasetSource.MovieLens100KSource);
var data = MovieLens100K.Load(folder);
RandomSeed.Set(42);

// Ratings data: (user id, movie title) pairs. Features of all the available movies: their titles.
var ratings = data.Ratings.Select(r => (r.UserId, r.MovieTitle)).ToArray();
var movies = data.Movies.Select(m => m.Title).ToArray();

// Build vocabularies to convert user ids and movie titles into integer indices for embedding layers.
var userIdsVocabulary = new StringLookup();
userIdsVocabulary.Adapt(ratings.Select(r => r.UserId));
var movieTitlesVocabulary = new StringLookup();
movieTitlesVocabulary.Adapt(movies);

// Define user and movie models.
var userModel = new Sequential<string>(userIdsVocabulary, new Embedding(userIdsVocabulary.VocabularySize, 64));
var movieModel = new Sequential<string>(movieTitlesVocabulary, new Embedding(movieTitlesVocabulary.VocabularySize, 64));

// Define your objectives.
var task = new Retrieval(metrics: new FactorizedTopK<string>(candidates: movies, candidateModel: movieModel));

// Create a retrieval model.
var model = new TwoTowerModel<string, string>(userModel, movieModel, task);
model.Compile(new Adagrad(learningRate: 0.5f));

// Train for 3 epochs.
var history = model.Fit(ratings, batchSize: 4096, epochs: 3);
foreach (var epoch in history.Epochs)
{
    Console.WriteLine($"Epoch {epoch.Epoch + 1}: loss {epoch.Logs["loss"]:F1}, top-100 {epoch.Logs["factorized_top_k@100"]:F4}");
}

// Use brute-force search to set up retrieval using the trained representations.
var index = new BruteForce<string, string>(model.QueryModel);
index.IndexFrom(movies, model.CandidateModel);

// Get some recommendations.
var (_, titles) = index.Query("42", k: 3);
Console.WriteLine($"Top 3 recommendations for user 42: [{string.Join(", ", titles)}]");
