using System.Diagnostics;
using System.Globalization;
using Reco.Models;

namespace Reco.Bench.Classic;

/// <summary>Rating prediction on MovieLens 100k: 5-fold CV as Surprise's benchmark, and the u1 fold.</summary>
internal static class ClassicRatingBenchmark
{
    public static void Run(string dataDir, int runs, IReadOnlyList<string>? only)
    {
        var data = ClassicData.Load(dataDir);
        var configs = new (string Label, string Name, string[] Options)[]
        {
            ("average (item)", "average", ["of=item"]),
            ("baseline (ALS)", "baseline", []),
            ("item-knn (means, pearson, k=40)", "item-knn", ["similarity=pearson"]),
            ("item-knn (baseline, pearson, shrink 100)", "item-knn", ["similarity=pearson", "centring=baseline", "shrinkage=100"]),
            ("user-knn (means, cosine, k=40)", "user-knn", []),
            ("biased-mf (Surprise defaults)", "biased-mf", []),
            ("biased-mf (200 f, 100 ep, lr .005, reg .1)*", "biased-mf", ["factors=200", "epochs=100", "lr=0.005", "reg=0.1"]),
            ("svdpp (Surprise defaults)", "svdpp", []),
            ("svdpp (100 f, 100 ep, lr .005, reg .12)*", "svdpp", ["factors=100", "epochs=100", "lr=0.005", "reg=0.12"]),
            ("blend (svdpp*, biased-mf*, item-knn, user-knn, baseline)", "blend", []),
        };
        Console.WriteLine($"Rating prediction, MovieLens 100k, 5 random folds of u.data (seed 42); fit time: median of the 5 folds; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| model | RMSE | MAE | fit s/fold |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var folds = data.Folds(5, 42).ToArray();
        foreach (var (label, name, options) in configs.Where(c => only is null || only.Contains(c.Name)))
        {
            double rmse = 0, mae = 0;
            var fits = new List<double>();
            foreach (var (train, test) in folds)
            {
                var model = (IRatingPredictor)AlgorithmCatalog.Create(name, options);
                var clock = Stopwatch.StartNew();
                model.Fit(train);
                fits.Add(clock.Elapsed.TotalSeconds);
                var (r, a) = ClassicMetrics.Rating(model, test);
                rmse += r / folds.Length;
                mae += a / folds.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {rmse:F4} | {mae:F4} | {Median(fits):F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"u1 fold (u1.base / u1.test), median of {runs} runs");
        Console.WriteLine();
        Console.WriteLine("| model | RMSE | fit s | predict all of u1.test s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var u1Train = data.File("u1.base");
        var u1Test = data.File("u1.test");
        foreach (var (label, name, options) in new (string, string, string[])[]
        {
            ("biased-mf (Surprise defaults)", "biased-mf", []),
            ("biased-mf (200 f, 100 ep, lr .005, reg .1)*", "biased-mf", ["factors=200", "epochs=100", "lr=0.005", "reg=0.1"]),
            ("biased-mf (50 f, 40 ep, lr .01, reg .1)*", "biased-mf", ["factors=50", "epochs=40", "lr=0.01", "reg=0.1"]),
            ("item-knn (means, pearson, k=40)", "item-knn", ["similarity=pearson"]),
            ("item-knn (baseline, pearson, shrink 100)", "item-knn", ["similarity=pearson", "centring=baseline", "shrinkage=100"]),
        })
        {
            var fits = new List<double>();
            var predicts = new List<double>();
            double rmse = 0;
            for (int run = 0; run < runs; run++)
            {
                var model = (IRatingPredictor)AlgorithmCatalog.Create(name, options);
                var clock = Stopwatch.StartNew();
                model.Fit(u1Train);
                fits.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                rmse = ClassicMetrics.Rating(model, u1Test).Rmse;
                predicts.Add(clock.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {rmse:F4} | {Median(fits):F3} | {Median(predicts):F4} |"));
        }
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
