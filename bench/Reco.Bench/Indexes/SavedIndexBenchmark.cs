using System.Diagnostics;
using System.Globalization;
using Reco.Data;
using Reco.Indexes;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Serialization;
using Reco.Serving;

namespace Reco.Bench.Indexes;

/// <summary>
/// How long a model version takes to become servable (what <c>reco serve</c> does before switching it in:
/// <see cref="RecommenderFile.Load(string)"/>, the service with its index, <see cref="RecommendationService.Verify"/>)
/// with an index saved beside the model versus one rebuilt at load. The model is ALS with synthetic clustered,
/// popularity-skewed item vectors (<see cref="SyntheticEmbeddings"/>) put in place of fitted factors, and
/// user vectors shaped like users (sums of three items), over interactions that give every item one row.
/// </summary>
internal static class SavedIndexBenchmark
{
    /// <summary>Writes the two model folders (without and with a saved index) under <paramref name="folder"/>, timing each save.</summary>
    public static void Prepare(string folder, int items, int dimension, string kind)
    {
        Console.WriteLine($"saved-index prepare: {items:N0} items × {dimension}-d, index {kind}; load average {Load()}");
        var model = Model(items, dimension);
        foreach (var (name, index) in new[] { ("plain", (string?)null), ("indexed", kind) })
        {
            var path = Path.Combine(folder, name);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            var clock = Stopwatch.StartNew();
            var saved = RecommenderFile.Save(path, model, null, index);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"save {name}{(saved is { } k ? $" ({k.ToString().ToLowerInvariant()} index)" : "")}: {clock.Elapsed.TotalSeconds:F2} s"));
            Sizes(path);
        }

        Console.WriteLine($"load average {Load()}");
    }

    /// <summary>Times making a version servable: <paramref name="mode"/> <c>saved</c> loads the saved index, <c>rebuild</c> builds one.</summary>
    public static void Measure(string folder, string mode, string kind, int runs)
    {
        bool saved = mode == "saved";
        var path = Path.Combine(folder, saved ? "indexed" : "plain");
        Console.WriteLine($"saved-index {mode}: {path}, --index {kind}, {runs} runs, {Environment.ProcessorCount} cores; load average {Load()}");
        var totals = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var model = RecommenderFile.Load(path);
            double read = clock.Elapsed.TotalSeconds;
            using var service = new RecommendationService(model, new ServingOptions { Index = kind });
            _ = service.IndexKind; // a built index is built on first use
            double index = clock.Elapsed.TotalSeconds - read;
            service.Verify();
            double total = clock.Elapsed.TotalSeconds;
            totals.Add(total);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"run {run + 1}: {total:F2} s (read and checksum {read:F2} s, index {index:F2} s, verify {total - read - index:F2} s); {service.IndexDescription}"));
        }

        totals.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {totals[totals.Count / 2]:F2} s; load average {Load()}"));
    }

    private static IPersistentRecommender Model(int items, int dimension)
    {
        var clock = Stopwatch.StartNew();
        var data = SyntheticEmbeddings.Generate(items, dimension, seed: 42);
        const int Users = 1000;
        var users = data.Queries(Users, seed: 7);
        var userIds = Enumerable.Range(0, Users).Select(u => "u" + u.ToString(CultureInfo.InvariantCulture));
        var itemIds = Enumerable.Range(0, items).Select(i => "i" + i.ToString(CultureInfo.InvariantCulture));
        var train = new Interactions(
            new IdMap(userIds),
            new IdMap(itemIds),
            [.. Enumerable.Range(0, items).Select(i => i % Users)],
            [.. Enumerable.Range(0, items)]);
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("als", [$"factors={dimension}"]);
        var state = new ModelState();
        state.Floats["user_factors"] = users;
        state.Floats["item_factors"] = data.Items;
        model.ImportState(state, train);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model of {items:N0} items ({data.Clusters} clusters) and {Users} users made in {clock.Elapsed.TotalSeconds:F1} s"));
        return model;
    }

    private static void Sizes(string path)
    {
        var version = ModelDirectory.CurrentFolder(path);
        var files = new DirectoryInfo(version).GetFiles();
        long index = files.Where(f => f.Name.StartsWith("index.", StringComparison.Ordinal)).Sum(f => f.Length);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  version folder {Mb(files.Sum(f => f.Length))}; item factors {Mb(files.Where(f => f.Name == "param.item_factors.f32").Sum(f => f.Length))}; index files {Mb(index)}"));
        foreach (var file in files.Where(f => f.Name.StartsWith("index.", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"    {file.Name}: {Mb(file.Length)}");
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB");

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();
}
