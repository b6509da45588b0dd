using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Tests.Cli;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources;

/// <summary>
/// Every entry of <see cref="BadInputCorpus"/> through the library and through <c>reco datasets info</c>:
/// the expected one-line error (no line break, no stack trace, no .NET type or temporary file name),
/// exit code 1 with that one line on standard error, and every input file unchanged afterwards.
/// </summary>
public sealed partial class BadInputCorpusTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public static TheoryData<string> Names => new(BadInputCorpus.All.Select(b => b.Name));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void Corpus_HasAtLeastSixtyDistinctEntries()
    {
        Assert.True(BadInputCorpus.All.Count >= 60, $"{BadInputCorpus.All.Count} entries");
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(b => b.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadInput_GivesItsOneLineError_InTheLibraryAndTheCommandLine_AndChangesNothing(string name)
    {
        var entry = BadInputCorpus.All.Single(b => b.Name == name);
        var input = await entry.Make(_folder.Path);
        string expected = entry.Expected.Replace("{dir}", _folder.Path, StringComparison.Ordinal);
        var before = Snapshot(_folder.Path);

        InputFile.StandardInputStream.Value = input.StandardInput is byte[] stdin ? () => new MemoryStream(stdin) : null;
        Exception? error = null;
        try
        {
            await DataLoader.LoadAsync(input.Spec());
        }
        catch (Exception e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.True(IsUserError(error), $"{error.GetType().Name}: {error.Message}");
        Assert.Equal(expected, error.Message);
        AssertOneCleanLine(error.Message);
        Assert.Equal(before, Snapshot(_folder.Path));

        var (code, _, standardError) = await CliRunner.Run(["datasets", "info", "--data", input.Source, .. input.Arguments]);
        InputFile.StandardInputStream.Value = null;
        Assert.Equal(1, code);
        Assert.Equal($"error: {expected}\n", standardError.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(_folder.Path));
    }

    /// <summary>What the command line reports as a one-line error rather than a crash.</summary>
    internal static bool IsUserError(Exception e) => e is DataFormatException or DatasetNotFoundException or FormatException or ArgumentException
        or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException;

    internal static void AssertOneCleanLine(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", message, StringComparison.Ordinal);
        Assert.DoesNotMatch(TypeNames(), message);
        Assert.DoesNotMatch(TemporaryFiles(), message);
    }

    /// <summary>Every file and folder under <paramref name="folder"/> with a hash of its bytes.</summary>
    internal static SortedDictionary<string, string> Snapshot(string folder)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            snapshot[path] = Directory.Exists(path) ? "folder" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }

        return snapshot;
    }

    [GeneratedRegex(@"\b(Int32|Int64|Double|Single|Byte\[\]|String|Boolean|ReadOnlyMemory|DBNull)\b")]
    private static partial Regex TypeNames();

    [GeneratedRegex(@"reco-[0-9a-f]{32}\.tmp")]
    private static partial Regex TemporaryFiles();
}
