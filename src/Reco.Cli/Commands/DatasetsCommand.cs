using System.CommandLine;
using Reco.Cli.Display;
using Reco.Data;
using Reco.Data.MovieLens;

namespace Reco.Cli.Commands;

/// <summary><c>reco datasets list | download NAME</c>: the data sets Reco can fetch and its cache.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the data sets that can be downloaded.");
        list.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var source = DatasetSource.MovieLens100KSource;
            context.Output.WriteLine($"{source.Name,-10} {source.ZipUrl}");
            return 0;
        });

        var name = new Argument<string>("name") { Description = "The data set: ml-100k." };
        name.AcceptOnlyFromAmong(DatasetSource.MovieLens100KSource.Name);
        var download = new Command("download", "Download a data set into the cache ($RECO_DATA_DIR, default ~/.cache/reco) and verify its checksums.") { name };
        download.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var cache = new DatasetCache();
                var source = DatasetSource.MovieLens100KSource;
                var folder = await DownloadProgressDisplay.RunAsync(context, $"Downloading {source.Name}", progress => cache.EnsureAsync(source, progress, cancellationToken));
                await context.Output.WriteLineAsync($"{DatasetSource.MovieLens100KSource.Name} is ready in {folder}");
                return 0;
            });
        });

        return new Command("datasets", "Data sets: list them, download them into the cache.") { list, download };
    }
}
