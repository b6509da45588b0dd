using System.Diagnostics;
using System.Globalization;
using Reco.Indexes;
using Reco.Data.Sources.Parquet;

namespace Reco.Bench.Indexes;

/// <summary>
/// Recall@10 against exact search and throughput of every index kind and setting on synthetic clustered,
/// popularity-skewed embeddings: one batch of all queries, batches of 64, and single queries (p50/p99).
/// </summary>
internal static class AnnBenchmark
{
    private const int K = 10;

    public static void Run(int items, int queryCount, int dimension, string[] methods, int latencyQueries, int runs, string plotPath, string hnswSpec, string ivfSpec)
    {
        Console.WriteLine($"ann: {items:N0} items × {dimension}-d, {queryCount:N0} queries, k = {K}, {Environment.ProcessorCount} cores, runs {runs}");
        Console.WriteLine($"CPU: {CpuModel()}; GEMM path {Reco.Numerics.Gemm.BestPath}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var clock = Stopwatch.StartNew();
        var data = SyntheticEmbeddings.Generate(items, dimension, seed: 42);
        var queries = data.Queries(queryCount, seed: 7);
        Console.WriteLine($"generated {data.Clusters} clusters in {clock.Elapsed.TotalSeconds:F1} s");

        var results = new List<AnnResult>();
        clock.Restart();
        using var exact = ExactIndex.Build(data.Items, dimension);
        double exactBuild = clock.Elapsed.TotalSeconds;
        var truth = exact.Search(queries, K);

        if (methods.Contains("exact"))
        {
            results.Add(Measure("exact", "blocked scan", exact, queries, truth, latencyQueries, runs, exactBuild));
        }

        if (methods.Contains("ivf"))
        {
            foreach (var part in ivfSpec.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                // LISTS:PROBE,PROBE,... (LISTS 0 = √n)
                var fields = part.Split(':');
                int lists = int.Parse(fields[0], CultureInfo.InvariantCulture);
                clock.Restart();
                using var ivf = IvfIndex.Build(data.Items, dimension, options: new IvfOptions { Lists = lists == 0 ? null : lists });
                double build = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"ivf {ivf.Lists} lists built in {build:F1} s (largest list {ivf.ListSizes.Max():N0}, calibrated probes {ivf.Probes})");
                var probes = fields[1].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Append(ivf.Probes).Distinct().Order();
                foreach (int p in probes)
                {
                    ivf.Probes = p;
                    results.Add(Measure("ivf", $"lists {ivf.Lists}, probes {p}", ivf, queries, truth, latencyQueries, runs, build));
                }
            }
        }

        if (methods.Contains("hnsw"))
        {
            if (!HnswIndex.IsAvailable)
            {
                Console.WriteLine($"hnsw skipped: {HnswIndex.UnavailableReason}");
            }

            foreach (var part in HnswIndex.IsAvailable ? hnswSpec.Split(';', StringSplitOptions.RemoveEmptyEntries) : [])
            {
                // METRIC:M:EF,EF,...
                var fields = part.Split(':');
                var metric = Enum.Parse<HnswMetric>(fields[0], ignoreCase: true);
                int m = int.Parse(fields[1], CultureInfo.InvariantCulture);
                clock.Restart();
                using var hnsw = HnswIndex.Build(data.Items, dimension, options: new HnswOptions { Metric = metric, Connectivity = m, ExpansionAdd = 128 });
                double build = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"hnsw {metric} M {m} built in {build:F1} s ({hnsw.HardwareAcceleration})");
                foreach (int ef in fields[2].Split(',').Select(e => int.Parse(e, CultureInfo.InvariantCulture)))
                {
                    hnsw.Expansion = ef;
                    results.Add(Measure("hnsw", $"{metric}, M {m}, ef {ef}", hnsw, queries, truth, latencyQueries, runs, build));
                }
            }
        }

        Print(results);
        AnnPlot.Write(plotPath, $"{items:N0} items × {dimension}-d, {Environment.ProcessorCount} cores", results);
        Console.WriteLine($"plot: {plotPath}");
    }

    private static AnnResult Measure(string method, string setting, IVectorIndex index, float[] queries, SearchResults truth, int latencyQueries, int runs, double build)
    {
        int d = index.Dimension;
        int count = queries.Length / d;
        var results = index.Search(queries, K);
        double recall = Recall(results, truth);

        double batch = Median(runs, () => index.Search(queries, K));
        double batch64 = Median(runs, () =>
        {
            for (int q0 = 0; q0 < count; q0 += 64)
            {
                index.Search(queries.AsSpan(q0 * d, Math.Min(64, count - q0) * d), K);
            }
        });

        int single = Math.Min(latencyQueries, count);
        var latencies = new double[single];
        for (int q = 0; q < single; q++)
        {
            long start = Stopwatch.GetTimestamp();
            index.Search(queries.AsSpan(q * d, d), K);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(latencies);
        var row = new AnnResult(
            method, setting, recall, count / batch, count / batch64,
            latencies[single / 2], latencies[Math.Min(single - 1, (int)Math.Ceiling(single * 0.99) - 1)], build, index.MemoryBytes);
        Console.WriteLine(Format(row));
        return row;
    }

    private static double Recall(SearchResults results, SearchResults truth)
    {
        double hits = 0, total = 0;
        for (int q = 0; q < truth.QueryCount; q++)
        {
            var expected = truth.Ids(q).ToArray().ToHashSet();
            total += expected.Count;
            foreach (int id in results.Ids(q))
            {
                hits += expected.Contains(id) ? 1 : 0;
            }
        }

        return hits / total;
    }

    private static double Median(int runs, Action action)
    {
        action();
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    private static void Print(List<AnnResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("| method | setting | recall@10 | q/s, one batch | q/s, batches of 64 | single query p50 ms | p99 ms | build s | memory MiB |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(Format(r));
        }
    }

    private static string Format(AnnResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Method} | {r.Setting} | {r.Recall:F4} | {r.BatchQps:N0} | {r.Batch64Qps:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.BuildSeconds:F1} | {r.MemoryBytes / 1048576.0:N0} |");

    private static string CpuModel()
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
