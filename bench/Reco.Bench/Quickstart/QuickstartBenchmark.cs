using System.Diagnostics;
using System.Globalization;
using Reco.Data;
using Reco.Data.MovieLens;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;

namespace Reco.Bench.Quickstart;

/// <summary>
/// Times the TFRS quickstart (3 epochs, batch 4096, 64-d, Adagrad 0.5, fit-time FactorizedTopK) and the
/// FactorizedTopK evaluation over all 100k ratings, several runs in one process, and reports medians,
/// GFLOP/s, peak memory and the quality figures of every run.
/// </summary>
internal static class QuickstartBenchmark
{
    public static void Run(string dataDir, int runs)
    {
        var data = MovieLens100K.Load(dataDir);
        var ratings = data.Ratings.Select(r => (r.UserId, r.MovieTitle)).ToArray();
        var movies = data.Movies.Select(m => m.Title).ToArray();
        Console.WriteLine($"MovieLens 100k: {ratings.Length:N0} ratings, {movies.Length:N0} movies; {Environment.ProcessorCount} cores; {runs} runs");
        Console.WriteLine();
        var (denseFlops, actualFlops) = Work(ratings, 4096, 3, movies.Length, 64);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Work of one fit: {denseFlops / 1e9:F0} GFLOP as dense B×B products (TFRS's formulation); {actualFlops / 1e9:F1} GFLOP as computed over each batch's distinct users and movies."));
        Console.WriteLine();
        Console.WriteLine("| run | train s | dense-equivalent GFLOP/s | computed GFLOP/s | eval s (FactorizedTopK, 100k rows) | fit top_100 epoch 3 | top_100 all rows | top_10 | user 42 top 3 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var train = new List<double>();
        var evals = new List<double>();
        var rates = new List<double>();
        var actualRates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            RandomSeed.Set(42);
            var users = new StringLookup();
            users.Adapt(ratings.Select(r => r.UserId));
            var titles = new StringLookup();
            titles.Adapt(movies);
            var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, 64));
            var movieModel = new Sequential<string>(titles, new Embedding(titles.VocabularySize, 64));
            var metric = new FactorizedTopK<string>(movies, movieModel);
            var model = new TwoTowerModel<string, string>(userModel, movieModel, new Retrieval(metric));
            model.Compile(new Adagrad(0.5f));

            var clock = Stopwatch.StartNew();
            var history = model.Fit(ratings, batchSize: 4096, epochs: 3);
            double trainSeconds = clock.Elapsed.TotalSeconds;

            // The metric alone, over every rating at once (what `Evaluate` does before its loss).
            clock.Restart();
            var result = model.EvaluateMetrics(ratings);
            double evalSeconds = clock.Elapsed.TotalSeconds;

            var index = new Reco.Indexes.BruteForce<string, string>(userModel).IndexFrom(movies, movieModel);
            var top = index.Query("42", 3);
            double rate = denseFlops / trainSeconds / 1e9;
            double actualRate = actualFlops / trainSeconds / 1e9;
            actualRates.Add(actualRate);
            train.Add(trainSeconds);
            evals.Add(evalSeconds);
            rates.Add(rate);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {run + 1} | {trainSeconds:F3} | {rate:F0} | {actualRate:F0} | {evalSeconds:F4} | {history["factorized_top_k@100"][^1]:F4} | {result["factorized_top_k@100"]:F4} | {result["factorized_top_k@10"]:F4} | {string.Join("; ", top.Identifiers)} |"));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median train {Median(train):F3} s ({Median(rates):F0} dense-equivalent GFLOP/s, {Median(actualRates):F0} computed GFLOP/s), median FactorizedTopK eval {Median(evals) * 1000:F1} ms, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB"));
        Console.WriteLine("(the first run includes JIT compilation)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Floating-point work of one fit, per batch: the loss and its two gradients (3 products) plus the
    /// fit-time metric (each distinct user scored against the catalogue), counted densely over the B×B
    /// logits and as computed over the distinct users × distinct movies of the batch.
    /// </summary>
    private static (double Dense, double Actual) Work((string User, string Movie)[] ratings, int batch, int epochs, int catalogue, int dim)
    {
        double dense = 0, actual = 0;
        for (int start = 0; start < ratings.Length; start += batch)
        {
            var slice = ratings.AsSpan(start, Math.Min(batch, ratings.Length - start)).ToArray();
            double b = slice.Length;
            double users = slice.Select(r => r.User).Distinct().Count();
            double movies = slice.Select(r => r.Movie).Distinct().Count();
            double metric = 2.0 * users * catalogue * dim;
            dense += (3 * 2.0 * b * b * dim) + metric;
            actual += (3 * 2.0 * users * movies * dim) + metric;
        }

        return (dense * epochs, actual * epochs);
    }
}
