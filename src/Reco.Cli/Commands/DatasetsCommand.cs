using System.CommandLine;
using Reco.Cli.Display;
using Reco.Cli.Sources;
using Reco.Data;
using Reco.Data.Download;
using Reco.Data.Synthetic;

namespace Reco.Cli.Commands;

/// <summary><c>reco datasets list | download NAME | info [DIR] | synth</c>: the data sets Reco can fetch, its cache, a summary of any data, and synthetic data of any size.</summary>
internal static class DatasetsCommand
{
    public static Command Create() => new("datasets", "Data sets: list them, download them into the cache, summarise any data.")
    {
        List(),
        Download(),
        Info(),
        Synth(),
    };

    private static Command List()
    {
        var list = new Command("list", "List the data sets that can be downloaded, with their addresses and how each is verified.");
        list.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var cache = new DatasetCache();
            foreach (var source in MovieLensSources.All)
            {
                string state = Directory.Exists(cache.GetDatasetDirectory(source)) ? "cached" : "not cached";
                string check = source.HasChecksums ? "MD5 of each file" : "file list only (checksums not pinned)";
                context.Output.WriteLine($"{source.Name,-16} {source.ZipUrl}");
                context.Output.WriteLine($"{"",-16} {source.Description} Verified by: {check}; {state}.");
            }

            return 0;
        });
        return list;
    }

    private static Command Download()
    {
        var name = new Argument<string>("name") { Description = "The data set: " + string.Join(", ", MovieLensSources.All.Select(s => s.Name)) + "." };
        CliOptions.OneOf(name, "a data set", [.. MovieLensSources.All.Select(s => s.Name)]);
        var download = new Command("download", "Download a data set into the cache ($RECO_DATA_DIR, default ~/.cache/reco) and verify it.") { name };
        download.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var cache = new DatasetCache();
                var source = MovieLensSources.Get(parse.GetRequiredValue(name));
                var folder = await DownloadProgressDisplay.RunAsync(context, $"Downloading {source.Name}", progress => cache.EnsureAsync(source, progress, cancellationToken));
                await context.Output.WriteLineAsync($"{source.Name} is ready in {folder}");
                return 0;
            });
        });
        return download;
    }

    private static Command Info()
    {
        var data = new DataSourceOptions();
        var folder = new Argument<string?>("source")
        {
            Description = "A MovieLens folder, a data file or a data set's name (downloaded into the cache if needed); or use --data.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var top = CliOptions.WholeNumber("--top", "How many of the most popular items to list.", 10);
        var info = new Command("info", "Load data and print its size, density, ratings, activity and top items, after the load report.") { folder, top };
        data.AddTo(info);
        info.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                string? source = parse.GetValue(folder);
                if (source is null && !data.IsGiven(parse))
                {
                    throw new ArgumentException("Name the data: reco datasets info DIR, or --data SOURCE.");
                }

                var result = await data.LoadAsync(parse, context, cancellationToken, source);
                DatasetSummary.Write(context.Output, result, parse.GetValue(top));
                return 0;
            });
        });
        return info;
    }

    private static Command Synth()
    {
        var users = CliOptions.WholeNumber("--users", "Users.", 162_541);
        var items = CliOptions.WholeNumber("--items", "Items.", 59_047, minimum: 2);
        var interactions = CliOptions.WholeNumber("--interactions", "Interactions (distinct user-item pairs).", 25_000_095);
        var seed = CliOptions.Seed(42);
        var output = new Option<string>("--out") { Description = "The Parquet file to write (never replaces an existing file).", HelpName = "PATH", Required = true };
        var synth = new Command("synth", "Write realistic synthetic interactions (Zipf-like item popularity, skewed user activity, timestamps, ratings from latent factors, biases and noise) as Parquet; the defaults have MovieLens 25M's shape.")
        {
            users, items, interactions, seed, output,
        };
        synth.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                string path = parse.GetRequiredValue(output);
                if (string.IsNullOrWhiteSpace(path))
                {
                    throw new ArgumentException("--out needs a file name, such as synth.parquet.");
                }

                var options = new SyntheticOptions
                {
                    Users = parse.GetValue(users),
                    Items = parse.GetValue(items),
                    Interactions = parse.GetValue(interactions),
                    Seed = parse.GetValue(seed),
                };
                if (File.Exists(path) || Directory.Exists(path))
                {
                    throw new ArgumentException($"'{path}' already exists; remove it or choose another file name.");
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var data = SyntheticInteractions.Generate(options);
                await SyntheticInteractions.WriteParquetAsync(data, path, cancellationToken);
                await context.Output.WriteLineAsync(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"Wrote {data.Count:N0} interactions of {data.UserCount:N0} users and {data.ItemCount:N0} items (seed {options.Seed}) to {path} in {clock.Elapsed.TotalSeconds:F1} s."));
                return 0;
            });
        });
        return synth;
    }
}
