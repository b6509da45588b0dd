using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reco.Bench.Common;
using Reco.Data.Synthetic;
using Reco.Models.Factorization;
using Reco.Models.Neighbourhood;

namespace Reco.Bench.Cubic;

/// <summary>
/// The item × item models at catalogue sizes where their cubic and quadratic parts dominate: EASE's fit
/// (co-occurrences, the blocked Cholesky inverse, the weights) and item-KNN's similarity lists, on
/// synthetic data, with numpy/OpenBLAS's EASE on the same pairs in the same run as the peer.
/// </summary>
internal static class CubicBenchmark
{
    public static void Run(int users, int items, int interactions, int runs, string models, string? python, string dtypes)
    {
        Console.WriteLine(Machine.Describe());
        var data = SyntheticInteractions.Generate(new SyntheticOptions { Users = users, Items = items, Interactions = interactions });
        Console.WriteLine($"synthetic data: {data.UserCount:N0} users, {data.ItemCount:N0} items, {data.Count:N0} interactions (seed 42); median of {runs} runs");
        var wanted = models.Split(',');
        Ease? ease = null;
        if (wanted.Contains("ease"))
        {
            var times = new List<double>();
            for (int r = 0; r < runs; r++)
            {
                ease = new Ease();
                var clock = Stopwatch.StartNew();
                ease.Fit(data);
                times.Add(clock.Elapsed.TotalSeconds);
            }

            var b = ease!.Weights.ToArray();
            double absSum = 0;
            foreach (float v in b)
            {
                absSum += Math.Abs(v);
            }

            var top = Enumerable.Range(0, items).OrderByDescending(j => b[j]).Take(5);
            Report($"ease fit (λ 500, {Environment.ProcessorCount} threads)", times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  checksum Σ|B| {absSum:G6}, row 0 top 5 {string.Join(' ', top)}"));
        }

        if (wanted.Contains("item-knn"))
        {
            foreach (var options in new[] { new KnnOptions(), new KnnOptions { Similarity = SimilarityMeasure.Jaccard } })
            {
                var times = new List<double>();
                for (int r = 0; r < runs; r++)
                {
                    var model = new ItemKnn(options);
                    var clock = Stopwatch.StartNew();
                    model.Fit(data);
                    times.Add(clock.Elapsed.TotalSeconds);
                }

                Report($"item-knn fit ({options.Similarity}, shrinkage {options.Shrinkage}, every positive neighbour kept)", times);
            }
        }

        Console.WriteLine($"peak RSS of this process: {Machine.PeakResidentBytes() / 1e6:F0} MB");
        if (python is not null && wanted.Contains("ease"))
        {
            Peer(data, python, runs, dtypes);
        }

        Console.WriteLine($"load after: {Machine.Load()}");
    }

    private static void Peer(Reco.Data.Interactions data, string python, int runs, string dtypes)
    {
        string pairs = Path.Combine(Path.GetTempPath(), $"reco-cubic-{Environment.ProcessId}.bin");
        try
        {
            using (var writer = new BinaryWriter(File.Create(pairs)))
            {
                var byUser = data.ByUser();
                for (int u = 0; u < byUser.UserCount; u++)
                {
                    foreach (int i in byUser.ItemsOf(u))
                    {
                        writer.Write(u);
                        writer.Write(i);
                    }
                }
            }

            string script = Path.Combine(AppContext.BaseDirectory, "peers", "ease_numpy.py");
            foreach (string dtype in dtypes.Split(','))
            {
                var totals = new List<double>();
                var inverses = new List<double>();
                string? last = null;
                for (int r = 0; r < runs; r++)
                {
                    var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
                    foreach (string arg in new[] { script, pairs, data.UserCount.ToString(CultureInfo.InvariantCulture), data.ItemCount.ToString(CultureInfo.InvariantCulture), "500", dtype })
                    {
                        start.ArgumentList.Add(arg);
                    }

                    start.Environment["OPENBLAS_NUM_THREADS"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
                    using var child = Process.Start(start)!;
                    var error = child.StandardError.ReadToEndAsync();
                    last = child.StandardOutput.ReadToEnd().Trim();
                    child.WaitForExit();
                    if (child.ExitCode != 0)
                    {
                        Console.WriteLine($"numpy peer failed: {error.Result}");
                        return;
                    }

                    using var json = JsonDocument.Parse(last);
                    totals.Add(json.RootElement.GetProperty("total_s").GetDouble());
                    inverses.Add(json.RootElement.GetProperty("inverse_s").GetDouble());
                }

                Report($"numpy/OpenBLAS ease ({dtype}, {Environment.ProcessorCount} threads), whole fit", totals);
                Report($"numpy/OpenBLAS ease ({dtype}), np.linalg.inv alone", inverses);
                Console.WriteLine($"  last run: {last}");
            }
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    private static void Report(string what, List<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {sorted[sorted.Length / 2]:F2} s (runs: {string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
    }
}
