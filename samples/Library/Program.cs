// The README's library examples beyond the quickstart, in one program.
// Usage: dotnet run --project samples/Library -- [MovieLens 100k folder]
using Reco.Data;
using Reco.Data.Download;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Models.Neighbourhood;
using Reco.Serialization;
using Reco.Serving;

var folder = args.Length > 0 ? args[0] : await new DatasetCache().EnsureAsync(DatasetSource.MovieLens100KSource);

// Any model of the catalogue, by name with options, or by its options record.
var data = DataSet.LoadMovieLens(folder);
var model = new ItemKnn(new KnnOptions { Similarity = SimilarityMeasure.Pearson, Centring = Centring.Baseline });
model.Fit(data.Interactions);
var top = model.Recommend(user: 41, k: 10);                        // training items excluded
var because = model.Explain(41, top[0].Item, 3);
Console.WriteLine($"{data.Interactions.Items.LabelOf(top[0].Item)}: because of {string.Join(", ", because.Select(b => data.Interactions.Items.LabelOf(b.Item)))}");

// Save it; serve it by id, with titles and a popularity fallback for users it does not know.
var directory = Path.Combine(Path.GetTempPath(), "item-knn-model");
RecommenderFile.Save(directory, model, TrainingProvenance.For(data, "none", seed: 42));
var service = RecommendationService.Load(directory);
var answer = service.Recommend("42", k: 3);
Console.WriteLine($"For user 42: {string.Join(", ", answer.Items.Select(i => i.Label))}");
Console.WriteLine($"For a stranger: {service.Recommend("nobody", k: 3).Fallback}");

// Evaluate under a protocol: MovieLens' own u1 fold when the folder has it, else a random 80/20.
var protocol = Protocol.Parse(data.PredefinedFolds is null ? "random:0.8" : "u1");
var folds = protocol.Folds(data.Interactions, data.PredefinedFolds);
var result = CrossValidation.Run(() => new Popularity(), folds, new EvaluationOptions { Ks = [5, 10] });
Console.WriteLine($"popularity on {protocol.Specification}: precision@5 {result.Mean["precision@5"]:F4}, AUC {result.Mean["auc"]:F4}");

// The same through the catalogue, as the command line does.
var als = AlgorithmCatalog.Create("als", ["factors=32", "alpha=3"]);
als.Fit(data.Interactions);
Console.WriteLine($"als recommends {data.Interactions.Items.LabelOf(als.Recommend(user: 0, k: 1)[0].Item)} to user {data.Interactions.Users[0]}");
