using System.IO.Compression;

namespace Reco.Data.Download;

/// <summary>
/// Downloads datasets on first use and keeps unpacked, checksum-verified copies in a cache folder.
/// </summary>
/// <remarks>
/// A dataset lives in <c>{RootDirectory}/{FolderName}</c>. Downloads are staged in hidden temporary
/// files and folders inside the cache root, verified, and only then renamed into place, so a failed
/// or cancelled download never leaves a partial dataset where a finished one is expected.
/// </remarks>
public sealed class DatasetCache
{
    /// <summary>The environment variable that overrides the default cache root.</summary>
    public const string DataDirectoryVariable = "RECO_DATA_DIR";

    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient());

    private readonly HttpClient? _httpClient;

    /// <summary>Creates a cache that downloads with a shared <see cref="HttpClient"/>.</summary>
    /// <param name="rootDirectory">The cache root; <see langword="null"/> uses <see cref="GetDefaultRootDirectory"/>.</param>
    public DatasetCache(string? rootDirectory = null)
    {
        RootDirectory = Path.GetFullPath(rootDirectory ?? GetDefaultRootDirectory());
    }

    /// <summary>Creates a cache that downloads with the given <see cref="HttpClient"/>.</summary>
    /// <param name="rootDirectory">The cache root; <see langword="null"/> uses <see cref="GetDefaultRootDirectory"/>.</param>
    /// <param name="httpClient">The client used for downloads; the cache does not dispose it.</param>
    public DatasetCache(string? rootDirectory, HttpClient httpClient)
        : this(rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
    }

    /// <summary>Gets the absolute path of the folder that holds cached datasets.</summary>
    public string RootDirectory { get; }

    /// <summary>
    /// Returns the default cache root: the <c>RECO_DATA_DIR</c> environment variable when set,
    /// otherwise <c>~/.cache/reco</c>.
    /// </summary>
    /// <returns>The default cache root.</returns>
    public static string GetDefaultRootDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "reco");
    }

    /// <summary>Returns where <paramref name="source"/> is, or will be, unpacked in this cache.</summary>
    /// <param name="source">The dataset.</param>
    /// <returns>The path <c>{RootDirectory}/{FolderName}</c>.</returns>
    public string GetDatasetDirectory(DatasetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Path.Combine(RootDirectory, source.FolderName);
    }

    /// <summary>
    /// Makes sure a verified copy of <paramref name="source"/> is in the cache, downloading and
    /// unpacking it when it is missing or fails verification, and returns its folder.
    /// </summary>
    /// <param name="source">The dataset.</param>
    /// <param name="progress">Receives download progress; not called when the cached copy is used.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The absolute path of the unpacked dataset folder.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error status.</exception>
    /// <exception cref="ChecksumMismatchException">A downloaded file does not have the expected MD5.</exception>
    /// <exception cref="InvalidDataException">The archive lacks the expected folder or files.</exception>
    public async Task<string> EnsureAsync(
        DatasetSource source,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string target = GetDatasetDirectory(source);
        if (await IsIntactAsync(target, source, cancellationToken).ConfigureAwait(false))
        {
            return target;
        }

        Directory.CreateDirectory(RootDirectory);
        string staging = Path.Combine(RootDirectory, $".{source.FolderName}.{Guid.NewGuid():N}.partial");
        string zipPath = staging + ".zip";
        try
        {
            await DownloadAsync(source, zipPath, progress, cancellationToken).ConfigureAwait(false);
            await ZipFile.ExtractToDirectoryAsync(zipPath, staging, cancellationToken).ConfigureAwait(false);

            string extracted = Path.Combine(staging, source.FolderName);
            await VerifyExtractedAsync(extracted, source, cancellationToken).ConfigureAwait(false);
            return MoveIntoPlace(extracted, target, staging, source);
        }
        finally
        {
            File.Delete(zipPath);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Checks that <paramref name="folder"/> holds the files of <paramref name="source"/>, for folders given
    /// explicitly (e.g. with <c>--data-dir</c>) rather than managed by a cache.
    /// </summary>
    /// <param name="folder">The unpacked dataset folder.</param>
    /// <param name="source">The dataset expected there.</param>
    /// <param name="verifyChecksums">Whether to compare MD5 hashes as well as checking that the files exist.</param>
    /// <returns>The absolute path of <paramref name="folder"/>.</returns>
    /// <exception cref="DatasetNotFoundException">The folder or one of the expected files is missing.</exception>
    /// <exception cref="ChecksumMismatchException">A file does not have the expected MD5.</exception>
    public static string Verify(string folder, DatasetSource source, bool verifyChecksums = true)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(source);
        string fullPath = Path.GetFullPath(folder);
        if (!Directory.Exists(fullPath))
        {
            throw new DatasetNotFoundException(fullPath, source);
        }

        foreach (string fileName in source.RequiredFiles)
        {
            string path = Path.Combine(fullPath, fileName);
            if (!File.Exists(path))
            {
                throw new DatasetNotFoundException(path, source);
            }
        }

        foreach ((string fileName, string expected) in source.ExpectedMd5)
        {
            string path = Path.Combine(fullPath, fileName);
            if (!File.Exists(path))
            {
                throw new DatasetNotFoundException(path, source);
            }

            if (verifyChecksums)
            {
                string actual = FileHashes.ComputeMd5(path);
                if (!FileHashes.Matches(expected, actual))
                {
                    throw new ChecksumMismatchException(fileName, expected, actual);
                }
            }
        }

        return fullPath;
    }

    private static async Task<bool> IsIntactAsync(string folder, DatasetSource source, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder) || source.RequiredFiles.Any(f => !File.Exists(Path.Combine(folder, f))))
        {
            return false;
        }

        foreach ((string fileName, string expected) in source.ExpectedMd5)
        {
            string path = Path.Combine(folder, fileName);
            if (!File.Exists(path)
                || !FileHashes.Matches(expected, await FileHashes.ComputeMd5Async(path, cancellationToken).ConfigureAwait(false)))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task VerifyExtractedAsync(string folder, DatasetSource source, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"The archive {source.ZipUrl} has no '{source.FolderName}' folder.");
        }

        foreach (string fileName in source.RequiredFiles)
        {
            if (!File.Exists(Path.Combine(folder, fileName)))
            {
                throw new InvalidDataException($"The archive {source.ZipUrl} has no '{source.FolderName}/{fileName}' file.");
            }
        }

        foreach ((string fileName, string expected) in source.ExpectedMd5)
        {
            string path = Path.Combine(folder, fileName);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"The archive {source.ZipUrl} has no '{source.FolderName}/{fileName}' file.");
            }

            string actual = await FileHashes.ComputeMd5Async(path, cancellationToken).ConfigureAwait(false);
            if (!FileHashes.Matches(expected, actual))
            {
                throw new ChecksumMismatchException(fileName, expected, actual);
            }
        }
    }

    private static string MoveIntoPlace(string extracted, string target, string staging, DatasetSource source)
    {
        if (Directory.Exists(target))
        {
            // A stale or corrupt copy: move it aside first so the swap is two renames, then drop it.
            string discarded = staging + ".old";
            Directory.Move(target, discarded);
            Directory.Delete(discarded, recursive: true);
        }

        try
        {
            Directory.Move(extracted, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another process finished the same download first; its copy is as good as ours.
            Verify(target, source);
        }

        return target;
    }

    private async Task DownloadAsync(
        DatasetSource source,
        string zipPath,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        HttpClient client = _httpClient ?? SharedHttpClient.Value;
        using HttpResponseMessage response = await client
            .GetAsync(source.ZipUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Downloading {source.Name} from {source.ZipUrl} failed: HTTP {(int)response.StatusCode} ({response.ReasonPhrase}).",
                inner: null,
                response.StatusCode);
        }

        long? totalBytes = response.Content.Headers.ContentLength;
        long received = 0;
        progress?.Report(new DownloadProgress(received, totalBytes));

        Stream input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            FileStream output = new(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                byte[] buffer = new byte[81920];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                    progress?.Report(new DownloadProgress(received, totalBytes));
                }
            }
        }

        if (totalBytes is long expected && received != expected)
        {
            throw new IOException($"Downloading {source.Name} from {source.ZipUrl} stopped after {received} of {expected} bytes.");
        }
    }
}
