using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Reco.Data.Sources;
using Reco.Tests.Cli;
using Reco.Data.Sources.Databases;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>Inputs that are not plain files on disk: standard input, pipes, gzip; unreadable files; progress reports; time units.</summary>
public sealed class SourceInputTests : IDisposable
{
    private const string Ratings = "user,item,rating,time\n1,10,4,1600000000123\n2,10,5,1600000001999\n2,11,3,1600000002000\n";
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task StandardInput_IsReadThroughTheCommandLineAndTheLibrary()
    {
        InputFile.StandardInputStream.Value = () => new MemoryStream(Encoding.UTF8.GetBytes(Ratings));
        try
        {
            var result = DelimitedTextSource.Load("-", options: new LoadOptions { TimeUnit = TimeUnit.Milliseconds });
            var (code, output, error) = await CliRunner.Run("datasets", "info", "--data", "-", "--time-unit", "ms");

            Assert.Equal("standard input", result.Report.Source);
            Assert.Equal(3, result.Interactions.Count);
            Assert.True(code == 0, error);
            Assert.StartsWith("Loaded standard input: 3 rows read, 3 kept", error);
            Assert.Contains("Interactions: 3", output);
        }
        finally
        {
            InputFile.StandardInputStream.Value = null;
        }
    }

    [Fact]
    public void GzipFiles_AreReadWhateverTheirName()
    {
        byte[] packed = Gzip(Encoding.UTF8.GetBytes(Ratings));
        File.WriteAllBytes(_folder.Combine("ratings.csv.gz"), packed);
        File.WriteAllBytes(_folder.Combine("ratings.csv"), packed);

        foreach (string name in new[] { "ratings.csv.gz", "ratings.csv" })
        {
            var spec = new DataSpec { Source = _folder.Combine(name), Options = new LoadOptions { TimeUnit = TimeUnit.Milliseconds } };
            var result = DataLoader.Load(spec);
            Assert.Equal(3, result.Report.RowsRead);
            Assert.Equal([1_600_000_000L, 1_600_000_001, 1_600_000_002], result.Interactions.Timestamps.ToArray());
        }
    }

    [Fact]
    public async Task NamedPipe_IsReadAsAStream()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string pipe = _folder.Combine("pipe.csv");
        using (var make = Process.Start("mkfifo", [pipe]))
        {
            make.WaitForExit();
            Assert.Equal(0, make.ExitCode);
        }

        var writer = Task.Run(() => File.WriteAllText(pipe, Ratings));
        var result = DelimitedTextSource.Load(pipe, options: new LoadOptions { TimeUnit = TimeUnit.Milliseconds });
        await writer;

        Assert.Equal(3, result.Interactions.Count);
        Assert.Equal("pipe.csv", result.Report.Source);
    }

    [Theory]
    [InlineData(TimeUnit.Seconds, 1_600_000_000L, 1_600_000_000L)]
    [InlineData(TimeUnit.Milliseconds, 1_600_000_000_999L, 1_600_000_000L)]
    [InlineData(TimeUnit.Microseconds, 1_600_000_000_999_999L, 1_600_000_000L)]
    [InlineData(TimeUnit.Nanoseconds, 1_600_000_000_999_999_999L, 1_600_000_000L)]
    public void TimeUnits_ConvertToWholeSeconds_InTextAndSqlite(TimeUnit unit, long raw, long seconds)
    {
        string csv = TextFiles.Write(_folder, "t.csv", $"user,item,time\n1,2,{raw}\n");
        string db = _folder.Combine("t.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE r (user TEXT, item TEXT, time INTEGER); INSERT INTO r VALUES ('1', '2', {raw})";
            command.ExecuteNonQuery();
        }

        var options = new LoadOptions { TimeUnit = unit };
        Assert.Equal(seconds, DelimitedTextSource.Load(csv, options: options).Interactions.Timestamps[0]);
        Assert.Equal(seconds, SqliteSource.Load(db, "SELECT * FROM r", options).Interactions.Timestamps[0]);
        Assert.Equal(unit, TimeUnitNames.Parse(TimeUnitNames.Name(unit)));
    }

    [Fact]
    public void Progress_IsReportedWithRowsAndBytes()
    {
        var text = new StringBuilder("user,item,rating\n");
        for (int i = 0; i < 200_000; i++)
        {
            text.Append(i % 1000).Append(',').Append(i % 77).Append(",3\n");
        }

        string path = TextFiles.Write(_folder, "big.csv", text.ToString());
        var reports = new List<LoadProgress>();
        var progress = new Recorder(reports);

        var result = DelimitedTextSource.Load(path, options: new LoadOptions { Progress = progress });

        var last = reports[^1];
        Assert.Equal(result.Report.RowsRead, last.Rows);
        Assert.Equal(new FileInfo(path).Length - "user,item,rating\n".Length, last.Bytes);
        Assert.Equal(new FileInfo(path).Length, last.TotalBytes);
        Assert.Equal(1.0, last.Fraction!.Value, 2);
        Assert.All(reports, r => Assert.Equal("big.csv", r.Source));
    }

    [NotRootFact]
    public void UnreadableFiles_AreOneLineErrors()
    {
        string csv = TextFiles.Write(_folder, "secret.csv", "user,item\n1,2\n");
        string db = _folder.Combine("secret.db");
        File.WriteAllBytes(db, []);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(csv, UnixFileMode.None);
        File.SetUnixFileMode(db, UnixFileMode.None);

        var text = Assert.Throws<UnauthorizedAccessException>(() => DelimitedTextSource.Load(csv));
        var sqlite = Assert.Throws<UnauthorizedAccessException>(() => SqliteSource.Load(db, "SELECT 1"));

        Assert.Equal($"Cannot read '{csv}': permission denied.", text.Message);
        Assert.Equal($"Cannot read '{db}': permission denied.", sqlite.Message);
    }

    private static byte[] Gzip(byte[] content)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return packed.ToArray();
    }

    /// <summary>Keeps every report (the load calls it from its threads, one at a time or not).</summary>
    private sealed class Recorder(List<LoadProgress> reports) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
