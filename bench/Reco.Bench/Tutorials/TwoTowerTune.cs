using System.Diagnostics;
using System.Globalization;
using Reco.Data;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;

namespace Reco.Bench.Tutorials;

/// <summary>
/// Chooses the catalogue two-tower's settings on validation data only: the training share of a protocol
/// (by default stratified:0.75) is split again per user (a seeded 20% held out for validation), each setting
/// is fitted on the other 80% and scored by nDCG@10 on the validation share. With --test the settings are
/// fitted on the whole training share and scored on the protocol's test share instead (for the report only).
/// </summary>
internal static class TwoTowerTune
{
    public static void Run(string dataDir, string protocol, IReadOnlyList<string> settings, bool test, string algorithm)
    {
        var data = DataSet.LoadMovieLens(dataDir);
        var fold = Protocol.Parse(protocol, 42).Folds(data.Interactions, data.PredefinedFolds).Single();
        var (train, evaluation) = test ? (fold.Train, fold.Test) : InteractionSplits.Stratified(fold.Train, 0.8, seed: 7);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{protocol}: fit on {train.Count:N0}, score on {evaluation.Count:N0} ({(test ? "test share" : "validation share of the training share")})"));
        foreach (var setting in settings)
        {
            var options = setting.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var model = AlgorithmCatalog.Create(algorithm, options, data.ItemFeatures);
            var clock = Stopwatch.StartNew();
            model.Fit(train);
            double fit = clock.Elapsed.TotalSeconds;
            var metrics = Evaluator.Evaluate(model, evaluation, new EvaluationOptions { Ks = [10] }).Metrics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nDCG@10 {metrics["ndcg@10"]:F4}  prec@10 {metrics["precision@10"]:F4}  fit {fit,6:F2}s  {algorithm} {setting}"));
        }
    }
}
