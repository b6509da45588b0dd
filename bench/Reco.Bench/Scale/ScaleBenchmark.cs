using System.Diagnostics;
using System.Globalization;
using Reco.Bench.Common;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Indexes;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Models.Factorization;
using Reco.Models.TwoTower;

namespace Reco.Bench.Scale;

/// <summary>
/// One step of the 25-million-interaction benchmark per process (so that each step's peak resident set,
/// VmHWM, is its own): load the Parquet file, an ALS iteration, a BPR, two-tower or biased-MF epoch, the
/// top-10 of every user over all items with training items excluded, the evaluation of a 1% test share,
/// and ALS or the two-tower against popularity on nDCG@10. Each step ends with one <c>RESULT</c> line that
/// <c>bench/scripts/scale.sh</c> collects.
/// </summary>
internal static class ScaleBenchmark
{
    /// <summary>The steps, in the order the script runs them.</summary>
    public static readonly string[] Steps = ["load", "als", "bpr", "two-tower", "biased-mf", "topk", "evaluate", "quality", "two-tower-quality"];

    private const int TopK = 10;
    private const double TestShare = 0.01;

    public static void Run(string data, string step, int iterations, double twoTowerRows, int twoTowerBatch = 8192, int twoTowerEpochs = 1, int threads = 1)
    {
        var twoTower = new TwoTowerOptions { BatchSize = twoTowerBatch, Epochs = twoTowerEpochs };
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"step {step} on {data}");
        var clock = Stopwatch.StartNew();
        var interactions = Load(data);
        double loadSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {interactions.Count:N0} interactions of {interactions.UserCount:N0} users and {interactions.ItemCount:N0} items in {loadSeconds:F2} s"));
        switch (step)
        {
            case "load":
                Result(step, "load seconds", loadSeconds);
                break;
            case "als":
                Epochs(step, "seconds per iteration", new ImplicitAls(new ImplicitAlsOptions { Factors = 64, Iterations = iterations }), interactions);
                break;
            case "bpr":
                Epochs(step, "seconds per epoch", new Bpr(new BprOptions { Epochs = iterations, Threads = threads }), interactions);
                break;
            case "biased-mf":
                Epochs(step, "seconds per epoch", new BiasedMatrixFactorization(new BiasedMatrixFactorizationOptions { Epochs = iterations }), interactions);
                break;
            case "two-tower":
                TwoTowerEpoch(interactions, twoTowerRows, twoTower);
                break;
            case "topk":
                TopKAllUsers(interactions);
                break;
            case "evaluate":
                Evaluate(interactions);
                break;
            case "quality":
                Quality(interactions);
                break;
            case "two-tower-quality":
                TwoTowerQuality(interactions, twoTower);
                break;
            case "stats":
                DataShape.Describe(interactions);
                break;
            default:
                throw new ArgumentException($"Unknown step '{step}'; expected one of {string.Join(", ", Steps)}.");
        }
    }

    private static Interactions Load(string path)
    {
        var spec = new DataSpec { Source = path, Options = new LoadOptions { Progress = new LoadLines() } };
        return DataLoader.Load(spec).Interactions;
    }

    /// <summary>Fits an iterative model and reports the median of its epoch times (setup such as CSR builds excluded).</summary>
    private static void Epochs(string step, string what, IRecommender model, Interactions data)
    {
        var progress = new ProgressLines();
        var clock = Stopwatch.StartNew();
        model.Fit(data, [progress]);
        double total = clock.Elapsed.TotalSeconds;
        var epochs = progress.EpochSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit {total:F2} s in all; epochs {string.Join(", ", epochs.Select(e => e.ToString("F2", CultureInfo.InvariantCulture)))} s"));
        Result(step, what, Median(epochs), string.Create(CultureInfo.InvariantCulture, $"fit {total:F2} s for {epochs.Count} epochs"));
    }

    /// <summary>
    /// The catalogue's two-tower (dim 64, in-batch softmax with logQ correction, Adagrad 0.1) at the given
    /// batch size and epochs (by default the catalogue's batch of 8,192 and one epoch): the median epoch over
    /// a share of the interactions, scaled to the whole set when the share is below 1.
    /// </summary>
    private static void TwoTowerEpoch(Interactions data, double share, TwoTowerOptions options)
    {
        var train = share >= 1 ? data : InteractionSplits.Random(data, share, 7).Train;
        var model = TwoTowerModel.ForIds(options);
        var progress = new ProgressLines();
        var clock = Stopwatch.StartNew();
        model.Fit(train, [progress]);
        double total = clock.Elapsed.TotalSeconds;
        var epochs = progress.EpochSeconds;
        double epoch = Median(epochs);
        double scaled = epoch * data.Count / train.Count;
        string batches = string.Create(CultureInfo.InvariantCulture, $"batch {options.BatchSize:N0} ({(train.Count + options.BatchSize - 1) / options.BatchSize:N0} batches an epoch); epochs {string.Join(", ", epochs.Select(e => e.ToString("F2", CultureInfo.InvariantCulture)))} s; fit {total:F2} s");
        string note = share >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"whole epochs over {train.Count:N0} interactions; {batches}")
            : string.Create(CultureInfo.InvariantCulture, $"{epoch:F2} s measured over {train.Count:N0} interactions, scaled to {data.Count:N0}; {batches}");
        Result("two-tower", "seconds per epoch", scaled, note);
    }

    /// <summary>The catalogue's two-tower at the given batch size and epochs against popularity, nDCG@10 on the 99/1 split of <see cref="Quality"/>.</summary>
    private static void TwoTowerQuality(Interactions data, TwoTowerOptions options)
    {
        var (train, test) = InteractionSplits.Random(data, 1 - TestShare, 42);
        var model = TwoTowerModel.ForIds(options);
        var progress = new ProgressLines();
        var clock = Stopwatch.StartNew();
        model.Fit(train, [progress]);
        double fit = clock.Elapsed.TotalSeconds;
        var popularity = new Popularity();
        popularity.Fit(train);
        var evaluation = new EvaluationOptions { Ks = [10] };
        double twoTowerNdcg = Evaluator.Evaluate(model, test, evaluation).Metrics["ndcg@10"];
        double popularityNdcg = Evaluator.Evaluate(popularity, test, evaluation).Metrics["ndcg@10"];
        string epochs = string.Join(", ", progress.EpochSeconds.Select(e => e.ToString("F1", CultureInfo.InvariantCulture)));
        Result("two-tower-quality", "two-tower ndcg@10", twoTowerNdcg, string.Create(CultureInfo.InvariantCulture, $"popularity ndcg@10 {popularityNdcg:F4}; two-tower (batch {options.BatchSize:N0}, {options.Epochs} epochs of {epochs} s) fitted in {fit:F1} s; the two-tower {(twoTowerNdcg > popularityNdcg ? "beats" : "does not beat")} popularity"));
    }

    /// <summary>Top-10 of every user through the exact index (GEMM blocks into per-query heaps), each user's training items excluded.</summary>
    private static void TopKAllUsers(Interactions data)
    {
        var als = FitFactors(data);
        var seen = data.ByUser();
        var clock = Stopwatch.StartNew();
        var (ids, found) = AllUsersTopK(als, seen, data.UserCount, data.ItemCount);
        double seconds = clock.Elapsed.TotalSeconds;
        long leaks = 0;
        for (int u = 0; u < data.UserCount; u++)
        {
            foreach (int item in ids.AsSpan(u * TopK, found[u]))
            {
                leaks += seen.Contains(u, item) ? 1 : 0;
            }
        }

        Result("topk", "seconds for all users", seconds, string.Create(CultureInfo.InvariantCulture, $"{data.UserCount:N0} users × {data.ItemCount:N0} items; {found.Count(f => f == TopK):N0} full lists, {leaks} training items returned"));
    }

    internal static (int[] Ids, int[] Found) AllUsersTopK(ImplicitAls model, UserItemMatrix seen, int users, int items)
    {
        int f = model.Factors;
        using var index = ExactIndex.Build(model.ItemFactors, f);
        var ids = new int[users * TopK];
        var scores = new float[users * TopK];
        var found = new int[users];
        const int Block = 4096;
        var meter = new RateLines("top-10 of every user", users, "users");
        for (int start = 0; start < users; start += Block)
        {
            int count = Math.Min(Block, users - start);
            int first = start;
            var options = new SearchOptions { ExcludedIds = q => seen.ItemsOf(first + q).ToArray() };
            index.Search(model.UserFactors.Slice(start * f, count * f), TopK, ids.AsSpan(start * TopK, count * TopK), scores.AsSpan(start * TopK, count * TopK), found.AsSpan(start, count), options);
            meter.Done(start + count);
        }

        return (ids, found);
    }

    private static void Evaluate(Interactions data)
    {
        var (train, test) = InteractionSplits.Random(data, 1 - TestShare, 42);
        var als = FitFactors(train);
        var clock = Stopwatch.StartNew();
        var meter = new RateLines("evaluation", 0, "users");
        var result = Evaluator.Evaluate(als, test, new EvaluationOptions { Ks = [10], Progress = new Progress(meter) });
        double seconds = clock.Elapsed.TotalSeconds;
        Result("evaluate", "seconds", seconds, string.Create(CultureInfo.InvariantCulture, $"{test.Count:N0} test interactions of {result.Users:N0} users; ndcg@10 {result.Metrics["ndcg@10"]:F4} after {FactorsIterations} ALS iterations"));
    }

    private static void Quality(Interactions data)
    {
        var (train, test) = InteractionSplits.Random(data, 1 - TestShare, 42);
        var als = new ImplicitAls(new ImplicitAlsOptions { Factors = 64 });
        var clock = Stopwatch.StartNew();
        als.Fit(train, [new ProgressLines()]);
        double fit = clock.Elapsed.TotalSeconds;
        var popularity = new Popularity();
        popularity.Fit(train);
        var options = new EvaluationOptions { Ks = [10] };
        double alsNdcg = Evaluator.Evaluate(als, test, options).Metrics["ndcg@10"];
        double popularityNdcg = Evaluator.Evaluate(popularity, test, options).Metrics["ndcg@10"];
        Result("quality", "als ndcg@10", alsNdcg, string.Create(CultureInfo.InvariantCulture, $"popularity ndcg@10 {popularityNdcg:F4}; ALS (64 factors, {als.Options.Iterations} iterations) fitted in {fit:F1} s; ALS {(alsNdcg > popularityNdcg ? "beats" : "does not beat")} popularity"));
    }

    private const int FactorsIterations = 2;

    /// <summary>ALS factors to rank with: the ranking's cost does not depend on how well they are trained.</summary>
    private static ImplicitAls FitFactors(Interactions data)
    {
        var als = new ImplicitAls(new ImplicitAlsOptions { Factors = 64, Iterations = FactorsIterations });
        als.Fit(data, [new ProgressLines()]);
        return als;
    }

    private static void Result(string step, string what, double value, string note = "")
    {
        double peak = PeakRss() / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{step}\t{what}\t{value:F4}\t{peak:F0}\t{note}"));
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Peak resident set of this process (VmHWM), in bytes.</summary>
    internal static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    /// <summary>Passes the evaluation's reports to a <see cref="RateLines"/> on the reporting thread.</summary>
    private sealed class Progress(RateLines lines) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => lines.Done(value.Users, value.TotalUsers);
    }
}
