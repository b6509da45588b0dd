using System.CommandLine;
using Reco.Cli.Display;
using Reco.Cli.Sources;
using Reco.Data;
using Reco.Data.Download;

namespace Reco.Cli.Commands;

/// <summary><c>reco datasets list | download NAME | info [DIR]</c>: the data sets Reco can fetch, its cache, and a summary of any data.</summary>
internal static class DatasetsCommand
{
    public static Command Create() => new("datasets", "Data sets: list them, download them into the cache, summarise any data.")
    {
        List(),
        Download(),
        Info(),
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
}
