using System.Diagnostics;
using System.Globalization;
using Reco.Models;

namespace Reco.Bench.Classic;

/// <summary>One configuration on the u1 fold: RMSE for rating predictors, precision@5 and nDCG@10 for all.</summary>
internal static class ClassicTry
{
    /// <param name="dataDir">The ml-100k folder.</param>
    /// <param name="name">The algorithm.</param>
    /// <param name="options">Its options.</param>
    /// <param name="validate">Evaluate on a seeded 20% of u1.base (training on the rest) instead of u1.test, for tuning.</param>
    public static void Run(string dataDir, string name, string[] options, bool validate)
    {
        var data = ClassicData.Load(dataDir);
        var features = Reco.Data.DataSet.LoadMovieLens(dataDir).ItemFeatures;
        var train = data.File("u1.base");
        var test = data.File("u1.test");
        if (validate)
        {
            var rows = Enumerable.Range(0, train.Count).ToArray();
            new Random(7).Shuffle(rows);
            int cut = rows.Length * 4 / 5;
            (train, test) = (train.Subset(rows[..cut]), train.Subset(rows[cut..]));
        }

        AlgorithmCatalog.Create(name, options, features).Fit(train);
        var model = AlgorithmCatalog.Create(name, options, features);
        var clock = Stopwatch.StartNew();
        model.Fit(train);
        double fit = clock.Elapsed.TotalSeconds;
        string rating = model is IRatingPredictor p ? string.Create(CultureInfo.InvariantCulture, $" RMSE {ClassicMetrics.Rating(p, test).Rmse:F4}") : string.Empty;
        var (p5, _) = ClassicMetrics.TopK(model, test, 5);
        var (_, n10) = ClassicMetrics.TopK(model, test, 10);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {string.Join(' ', options)}: fit {fit:F3}s (second fit){rating} prec@5 {p5:F4} nDCG@10 {n10:F4}"));
    }
}
