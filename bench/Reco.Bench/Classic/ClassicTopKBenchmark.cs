using System.Diagnostics;
using System.Globalization;
using Reco.Models;

namespace Reco.Bench.Classic;

/// <summary>Item recommendation on MovieLens 100k: the u1 fold and a stratified 75/25 split, all items ranked, training items excluded.</summary>
internal static class ClassicTopKBenchmark
{
    public static void Run(string dataDir, int runs, IReadOnlyList<string>? only)
    {
        var data = ClassicData.Load(dataDir);
        var features = Reco.Data.DataSet.LoadMovieLens(dataDir).ItemFeatures;
        var configs = new (string Label, string Name, string[] Options)[]
        {
            ("popularity", "popularity", []),
            ("content (genres, year, title TF-IDF)", "content", ["min-rating=4"]),
            ("item-knn (jaccard, none, k=40)", "item-knn", ["centring=none", "similarity=jaccard"]),
            ("user-knn (jaccard, none, k=40)", "user-knn", ["centring=none", "similarity=jaccard"]),
            ("als (WRMF)", "als", []),
            ("bpr", "bpr", []),
            ("ease (lambda 500)", "ease", []),
        };
        var stratified = data.Stratified(0.75, 42);
        foreach (var (title, train, test) in new[]
        {
            ("u1 fold (u1.base / u1.test)", data.File("u1.base"), data.File("u1.test")),
            ("stratified 75/25 per user (seed 42)", stratified.Train, stratified.Test),
        })
        {
            Console.WriteLine($"Item recommendation, {title}, all items ranked, training items excluded; fit: median of {runs} runs; {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| model | prec@5 | prec@10 | nDCG@10 | fit s |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (label, name, options) in configs.Where(c => only is null || only.Contains(c.Name)))
            {
                var fits = new List<double>();
                IRecommender? model = null;
                for (int run = 0; run < runs; run++)
                {
                    model = AlgorithmCatalog.Create(name, options, features);
                    var clock = Stopwatch.StartNew();
                    model.Fit(train);
                    fits.Add(clock.Elapsed.TotalSeconds);
                }

                var (p5, _) = ClassicMetrics.TopK(model!, test, 5);
                var (p10, n10) = ClassicMetrics.TopK(model!, test, 10);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {p5:F4} | {p10:F4} | {n10:F4} | {ClassicRatingBenchmark.Median(fits):F3} |"));
            }

            Console.WriteLine();
        }
    }
}
