using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Reco.Data;
using Reco.Data.Download;

namespace Reco.Tests.Data.Download;

public sealed class DatasetCacheTests : IDisposable
{
    private const string FolderName = "ml-test";
    private static readonly byte[] RatingsFile = Encoding.ASCII.GetBytes("1\t1\t5\t100\n");
    private static readonly byte[] ItemsFile = Encoding.Latin1.GetBytes("1|Señorita (1999)|01-Jan-1999||url|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n");

    private readonly TempDirectory _cacheRoot = new();
    private readonly HttpClient _httpClient = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _httpClient.Dispose();
        _cacheRoot.Dispose();
    }

    [Fact]
    public async Task EnsureAsync_DownloadsExtractsAndVerifies()
    {
        byte[] zip = BuildZip();
        using var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = zip });
        DatasetSource source = SourceFor(server.UriFor("/ml-test.zip"));
        var cache = new DatasetCache(_cacheRoot.Path, _httpClient);
        var reports = new List<DownloadProgress>();

        string folder = await cache.EnsureAsync(source, new SynchronousProgress(reports.Add));

        Assert.Equal(_cacheRoot.Combine(FolderName), folder);
        Assert.Equal(RatingsFile, File.ReadAllBytes(Path.Combine(folder, "u.data")));
        Assert.Equal(ItemsFile, File.ReadAllBytes(Path.Combine(folder, "u.item")));
        Assert.True(File.Exists(Path.Combine(folder, "README")));
        Assert.Equal([folder], Directory.GetFileSystemEntries(_cacheRoot.Path));
        Assert.Equal(new DownloadProgress(zip.Length, zip.Length), reports[^1]);
        Assert.Equal(new DownloadProgress(0, zip.Length), reports[0]);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task EnsureAsync_SecondCall_UsesTheCacheWithoutTheNetwork()
    {
        DatasetSource source;
        using (var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = BuildZip() }))
        {
            source = SourceFor(server.UriFor("/ml-test.zip"));
            await new DatasetCache(_cacheRoot.Path, _httpClient).EnsureAsync(source);
        }

        var reports = new List<DownloadProgress>();
        string folder = await new DatasetCache(_cacheRoot.Path, _httpClient).EnsureAsync(source, new SynchronousProgress(reports.Add));

        Assert.Equal(_cacheRoot.Combine(FolderName), folder);
        Assert.Empty(reports);
    }

    [Fact]
    public async Task EnsureAsync_ChecksumMismatch_LeavesNothingBehind()
    {
        using var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = BuildZip() });
        string wrongHash = new('0', 32);
        DatasetSource source = SourceFor(server.UriFor("/ml-test.zip")) with
        {
            ExpectedMd5 = new Dictionary<string, string> { ["u.data"] = wrongHash },
        };
        var cache = new DatasetCache(_cacheRoot.Path, _httpClient);

        var error = await Assert.ThrowsAsync<ChecksumMismatchException>(() => cache.EnsureAsync(source));

        Assert.Equal("u.data", error.FileName);
        Assert.Equal(wrongHash, error.ExpectedMd5);
        Assert.Equal(Md5Hex(RatingsFile), error.ActualMd5);
        Assert.Contains("u.data", error.Message);
        Assert.Contains(wrongHash, error.Message);
        Assert.Contains(Md5Hex(RatingsFile), error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot.Path));
    }

    [Fact]
    public async Task EnsureAsync_NotFound_GivesAClearError()
    {
        using var server = new LoopbackHttpServer([]);
        Uri missing = server.UriFor("/nothing-here.zip");
        var cache = new DatasetCache(_cacheRoot.Path, _httpClient);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => cache.EnsureAsync(SourceFor(missing)));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("404", error.Message);
        Assert.Contains(missing.ToString(), error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot.Path));
    }

    [Fact]
    public async Task EnsureAsync_ReplacesACorruptCachedCopy()
    {
        using var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = BuildZip() });
        DatasetSource source = SourceFor(server.UriFor("/ml-test.zip"));
        string stale = Directory.CreateDirectory(_cacheRoot.Combine(FolderName)).FullName;
        File.WriteAllText(Path.Combine(stale, "u.data"), "tampered");
        File.WriteAllBytes(Path.Combine(stale, "u.item"), ItemsFile);

        string folder = await new DatasetCache(_cacheRoot.Path, _httpClient).EnsureAsync(source);

        Assert.Equal(RatingsFile, File.ReadAllBytes(Path.Combine(folder, "u.data")));
        Assert.Equal(1, server.RequestCount);
        Assert.Equal([folder], Directory.GetFileSystemEntries(_cacheRoot.Path));
    }

    [Fact]
    public async Task EnsureAsync_ArchiveWithoutTheFolder_IsRejected()
    {
        using var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = BuildZip(folder: "other") });
        var cache = new DatasetCache(_cacheRoot.Path, _httpClient);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.EnsureAsync(SourceFor(server.UriFor("/ml-test.zip"))));

        Assert.Contains(FolderName, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot.Path));
    }

    [Fact]
    public void Verify_AcceptsAnIntactFolder()
    {
        string folder = WriteDatasetFolder(RatingsFile);

        Assert.Equal(folder, DatasetCache.Verify(folder, SourceFor(new Uri("http://127.0.0.1/unused.zip"))));
    }

    [Fact]
    public void Verify_ReportsMismatchesUnlessAskedNotTo()
    {
        string folder = WriteDatasetFolder("changed"u8.ToArray());
        DatasetSource source = SourceFor(new Uri("http://127.0.0.1/unused.zip"));

        var error = Assert.Throws<ChecksumMismatchException>(() => DatasetCache.Verify(folder, source));

        Assert.Equal("u.data", error.FileName);
        Assert.Equal(folder, DatasetCache.Verify(folder, source, verifyChecksums: false));
    }

    [Fact]
    public void Verify_MissingFileOrFolder_ExplainsHowToGetTheData()
    {
        DatasetSource source = SourceFor(new Uri("http://127.0.0.1/unused.zip"));
        string folder = WriteDatasetFolder(RatingsFile);
        File.Delete(Path.Combine(folder, "u.item"));

        var missingFile = Assert.Throws<DatasetNotFoundException>(() => DatasetCache.Verify(folder, source));
        var missingFolder = Assert.Throws<DatasetNotFoundException>(() => DatasetCache.Verify(_cacheRoot.Combine("absent"), source));

        Assert.Equal(Path.Combine(folder, "u.item"), missingFile.MissingPath);
        Assert.Contains("reco datasets download ml-test", missingFile.Message);
        Assert.Equal(_cacheRoot.Combine("absent"), missingFolder.MissingPath);
    }

    [Fact]
    public void MovieLens100KSource_PointsAtGroupLens()
    {
        DatasetSource source = DatasetSource.MovieLens100KSource;

        Assert.Equal("ml-100k", source.Name);
        Assert.Equal("ml-100k", source.FolderName);
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-100k.zip", source.ZipUrl.ToString());
        Assert.Equal("6e47046882bad158b0efbb84cd5cb987", source.ExpectedMd5["u.data"]);
        Assert.Equal("c9e7f390115d79079537301d5204f3f7", source.ExpectedMd5["u.item"]);
    }

    [Fact]
    public void Constructor_ResolvesTheRootAndDatasetFolder()
    {
        var cache = new DatasetCache(_cacheRoot.Path);

        Assert.Equal(_cacheRoot.Path, cache.RootDirectory);
        Assert.Equal(Path.Combine(_cacheRoot.Path, "ml-100k"), cache.GetDatasetDirectory(DatasetSource.MovieLens100KSource));
    }

    [Fact]
    public void GetDefaultRootDirectory_PrefersTheEnvironmentVariable()
    {
        string? saved = Environment.GetEnvironmentVariable(DatasetCache.DataDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatasetCache.DataDirectoryVariable, _cacheRoot.Path);
            Assert.Equal(_cacheRoot.Path, DatasetCache.GetDefaultRootDirectory());
            Assert.Equal(_cacheRoot.Path, new DatasetCache().RootDirectory);

            Environment.SetEnvironmentVariable(DatasetCache.DataDirectoryVariable, null);
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".cache", "reco"), DatasetCache.GetDefaultRootDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatasetCache.DataDirectoryVariable, saved);
        }
    }

    [Fact]
    public async Task EnsureAsync_UnpinnedRelease_ChecksItsFileList()
    {
        using var server = new LoopbackHttpServer(new() { ["/ml-test.zip"] = BuildZip() });
        var present = SourceFor(server.UriFor("/ml-test.zip")) with { ExpectedMd5 = new Dictionary<string, string>(), RequiredFiles = ["u.data", "README"] };
        var missing = present with { RequiredFiles = ["u.data", "ratings.csv"] };
        var cache = new DatasetCache(_cacheRoot.Path, _httpClient);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.EnsureAsync(missing));
        string folder = await cache.EnsureAsync(present);

        Assert.Contains("has no 'ml-test/ratings.csv' file", error.Message);
        Assert.True(File.Exists(Path.Combine(folder, "README")));
        Assert.Throws<DatasetNotFoundException>(() => DatasetCache.Verify(folder, missing));
    }

    private static DatasetSource SourceFor(Uri zipUrl) => new(
        "ml-test",
        zipUrl,
        FolderName,
        new Dictionary<string, string> { ["u.data"] = Md5Hex(RatingsFile), ["u.item"] = Md5Hex(ItemsFile) });

    private static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static byte[] BuildZip(string folder = FolderName)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(archive, $"{folder}/u.data", RatingsFile);
            AddEntry(archive, $"{folder}/u.item", ItemsFile);
            AddEntry(archive, $"{folder}/README", "test data"u8.ToArray());
        }

        return buffer.ToArray();
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] content)
    {
        using Stream entry = archive.CreateEntry(name).Open();
        entry.Write(content);
    }

    private string WriteDatasetFolder(byte[] ratings)
    {
        string folder = Directory.CreateDirectory(_cacheRoot.Combine("given", FolderName)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "u.data"), ratings);
        File.WriteAllBytes(Path.Combine(folder, "u.item"), ItemsFile);
        return folder;
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so assertions see every report.</summary>
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
