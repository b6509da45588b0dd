// The README's feature tower and DCN ranking model, in one program.
// Usage: dotnet run --project samples/Tutorials -- [MovieLens 100k folder]
using Reco;
using Reco.Data;
using Reco.Data.Download;
using Reco.Data.Splits;
using Reco.Layers;
using Reco.Layers.Preprocessing;
using Reco.Losses;
using Reco.Metrics;
using Reco.Models.Scoring;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;

var folder = args.Length > 0 ? args[0] : await new DatasetCache().EnsureAsync(DatasetSource.MovieLens100KSource);
var data = DataSet.LoadMovieLens(folder).Interactions;
RandomSeed.Set(42);

// (user id, timestamp, title, rating) of every rating, split 80/20 at random.
var (trainRows, testRows) = InteractionSplits.Random(data, 0.8, seed: 42);
static (string User, double Time, string Title, float Rating)[] Rows(Interactions rows) =>
    [.. Enumerable.Range(0, rows.Count).Select(r => (rows.Users[rows.UserIndices[r]], (double)rows.Timestamps[r], rows.Items.LabelOf(rows.ItemIndices[r]), rows.RatingAt(r)))];
var train = Rows(trainRows);
var test = Rows(testRows);
var titles = Enumerable.Range(0, data.ItemCount).Select(data.Items.LabelOf).ToArray();
var times = Rows(data).Select(r => r.Time).ToArray();

// Preprocessing: vocabularies, 1,000 timestamp buckets, the standardised timestamp, title words.
var userIds = new StringLookup();
userIds.Adapt(Rows(data).Select(r => r.User));
var titleIds = new StringLookup();
titleIds.Adapt(titles);
var buckets = Discretization.Uniform(times.Min(), times.Max(), 1000);
var timestamp = new Normalization();
timestamp.Adapt(times);
var words = new TextVectorization(maxTokens: 10_000);
words.Adapt(titles);

// A query tower over (user id, timestamp) and a candidate tower over titles, each of features concatenated and projected.
var queryModel = new Stacked<(string User, double Time)>(
    new Concatenate<(string User, double Time)>(
        new Feature<(string User, double Time), string>(q => q.User, new Sequential<string>(userIds, new Embedding(userIds.VocabularySize, 32))),
        new Feature<(string User, double Time), double>(q => q.Time, new Sequential<double>(buckets, new Embedding(buckets.VocabularySize, 32))),
        new Feature<(string User, double Time), double>(q => q.Time, timestamp)),
    new Dense(32));
var candidateModel = new Stacked<string>(
    new Concatenate<string>(
        new Sequential<string>(titleIds, new Embedding(titleIds.VocabularySize, 32)),
        new PooledEmbedding<string>(words.Tokens, new Embedding(10_000, 32))),
    new Dense(32));
var retrieval = new TwoTowerModel<(string User, double Time), string>(queryModel, candidateModel, new Retrieval(metrics: new FactorizedTopK<string>(titles, candidateModel)));
retrieval.Compile(new Adagrad(0.1f));
retrieval.Fit([.. train.Select(r => ((r.User, r.Time), r.Title))], batchSize: 2048, epochs: 3, shuffle: true);
var top100 = retrieval.Evaluate([.. test.Select(r => ((r.User, r.Time), r.Title))])["factorized_top_k@100"];

// A deep & cross ranking model: user and title embeddings, a cross layer, two ReLU layers, the rating.
var dcn = new RankingModel<(string User, string Title)>(
    new Stacked<(string User, string Title)>(
        new Concatenate<(string User, string Title)>(
            new Feature<(string User, string Title), string>(x => x.User, new Sequential<string>(userIds, new Embedding(userIds.VocabularySize, 32))),
            new Feature<(string User, string Title), string>(x => x.Title, new Sequential<string>(titleIds, new Embedding(titleIds.VocabularySize, 32)))),
        new Cross(), new Dense(192, Activation.Relu), new Dense(192, Activation.Relu), new Dense(1)),
    new Ranking(new MeanSquaredError(), [new RootMeanSquaredError()]));
dcn.Compile(new Adam(0.01f));
dcn.Fit([.. train.Select(r => ((r.User, r.Title), r.Rating))], batchSize: 8192, epochs: 8);
var rmse = dcn.Evaluate([.. test.Select(r => ((r.User, r.Title), r.Rating))])["rmse"];

Console.WriteLine($"feature towers: test top-100 accuracy {top100:F4}; DCN: test RMSE {rmse:F4}");
