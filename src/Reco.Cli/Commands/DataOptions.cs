using System.CommandLine;
using System.Globalization;
using Reco.Cli.Display;
using Reco.Cli.Sources;
using Reco.Data;
using Reco.Data.Download;

namespace Reco.Cli.Commands;

/// <summary>
/// Where a command's interactions come from: <c>--data-dir</c> (an unpacked MovieLens folder), <c>--data</c>
/// with its options (files, databases, MovieLens releases by name), or, with neither, MovieLens 100k from the
/// verified cache, downloaded if needed.
/// </summary>
internal sealed class DataOptions
{
    public Option<string?> DataDir { get; } = CliOptions.NotBlank(
        new Option<string?>("--data-dir")
        {
            Description = "An unpacked MovieLens folder (for 100k: u.data, u.item). Without it or --data, MovieLens 100k is downloaded from GroupLens into the cache ($RECO_DATA_DIR, default ~/.cache/reco) and verified.",
            HelpName = "DIR",
        },
        "an unpacked MovieLens folder");

    public DataSourceOptions Source { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(DataDir);
        Source.AddTo(command);
    }

    /// <summary>The paths the options name as given (a data file or folder, a spec file), which no output may overwrite.</summary>
    public IEnumerable<string?> InputPaths(ParseResult parse) => [parse.GetValue(DataDir), parse.GetValue(Source.Data)];

    /// <summary>Loads the data the options name, printing the load report to standard error and a summary line.</summary>
    public async Task<DataSet> LoadAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        string? folder = parse.GetValue(DataDir);
        string location;
        if (Source.IsGiven(parse))
        {
            if (folder is not null)
            {
                throw new ArgumentException("Give either --data or --data-dir, not both.");
            }

            location = parse.GetValue(Source.Data)!;
            if (!File.Exists(location) && !Directory.Exists(location) && MovieLensSources.All.FirstOrDefault(s => s.Name == location) is { } release)
            {
                location = await DownloadAsync(context, release, cancellationToken);
            }
        }
        else if (folder is not null)
        {
            location = Directory.Exists(folder) ? folder : throw new DatasetNotFoundException(folder, DatasetSource.MovieLens100KSource);
        }
        else
        {
            location = await DownloadAsync(context, DatasetSource.MovieLens100KSource, cancellationToken);
        }

        var loaded = await Source.LoadAsync(parse, context, cancellationToken, location);
        var data = DataSet.From(loaded, Source.Resolve(parse, location));
        var all = data.Interactions;
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Loaded {all.Count:N0} interactions of {all.UserCount:N0} users and {all.ItemCount:N0} items from {data.Source}"));
        return data;
    }

    private static async Task<string> DownloadAsync(CliContext context, DatasetSource source, CancellationToken cancellationToken)
    {
        var cache = new DatasetCache();
        await context.Error.WriteLineAsync($"Using {source.Name} from the cache in {cache.RootDirectory} (downloading {source.ZipUrl} if needed; pass --data-dir DIR to use a local copy).");
        try
        {
            return await DownloadProgressDisplay.RunAsync(context, $"Downloading {source.Name}", progress => cache.EnsureAsync(source, progress, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"Could not download {source.Name} from {source.ZipUrl} ({e.Message}). Without internet, unpack the zip somewhere and pass --data-dir DIR.", e, e.StatusCode);
        }
    }
}
