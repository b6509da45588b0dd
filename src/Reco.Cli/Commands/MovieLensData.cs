using Reco.Cli.Display;
using Reco.Data;
using Reco.Data.MovieLens;

namespace Reco.Cli.Commands;

/// <summary>Finds MovieLens 100k: the folder given with --data-dir, or the verified copy in the cache (downloaded if missing).</summary>
internal static class MovieLensData
{
    public static async Task<(MovieLens100K Data, string Folder)> LoadAsync(CliContext context, string? dataDir, CancellationToken cancellationToken)
    {
        string folder;
        if (dataDir is not null)
        {
            folder = dataDir;
        }
        else
        {
            var cache = new DatasetCache();
            var source = DatasetSource.MovieLens100KSource;
            await context.Error.WriteLineAsync($"Using the MovieLens 100k cache in {cache.RootDirectory} (downloading {source.ZipUrl} if needed; pass --data-dir to use a local copy).");
            try
            {
                folder = await DownloadProgressDisplay.RunAsync(context, $"Downloading {source.Name}", progress => cache.EnsureAsync(source, progress, cancellationToken));
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException($"Could not download {source.Name} from {source.ZipUrl} ({e.Message}). Without internet, unpack ml-100k.zip somewhere and pass --data-dir DIR.", e, e.StatusCode);
            }
        }

        var data = MovieLens100K.Load(folder);
        return (data, folder);
    }
}
