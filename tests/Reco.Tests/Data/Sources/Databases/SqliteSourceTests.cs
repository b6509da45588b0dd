using Microsoft.Data.Sqlite;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Models.Baselines;
using Reco.Data.Sources.Databases;

namespace Reco.Tests.Data.Sources.Databases;

public sealed class SqliteSourceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void GeneratedTable_LoadsTrainsAndEvaluates()
    {
        string path = _folder.Combine("events.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE events (user_id INTEGER, item TEXT, weight REAL, at TEXT)");
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events VALUES ($u, $i, $w, $t)";
            var (u, i, w, t) = (insert.Parameters.Add("$u", SqliteType.Integer), insert.Parameters.Add("$i", SqliteType.Text), insert.Parameters.Add("$w", SqliteType.Real), insert.Parameters.Add("$t", SqliteType.Text));
            var random = new Random(3);
            for (int row = 0; row < 20_000; row++)
            {
                u.Value = row % 500;
                i.Value = "item" + (int)(Math.Pow(random.NextDouble(), 3) * 300);
                w.Value = 1 + (row % 3);
                t.Value = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 + row).ToString("O");
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var result = SqliteSource.Load(path, "SELECT user_id, item, weight, at FROM events", new LoadOptions
        {
            Columns = new("user_id", "item", "weight", "at"),
            Feedback = FeedbackKind.Implicit,
            Duplicates = DuplicatePolicy.KeepAll,
        });

        Assert.Equal(20_000, result.Interactions.Count);
        Assert.Equal(500, result.Interactions.UserCount);
        Assert.Equal(1_600_000_000, result.Interactions.Timestamps[0]);
        Assert.Equal("sqlite:events.db", result.Report.Source);
        var (train, test) = HoldOut.LastPerUser(result.Interactions);
        var model = new Popularity();
        model.Fit(train);
        Assert.InRange(HoldOut.HitRate(model, test, 10), 0.08, 0.5);
    }

    [Fact]
    public void BadValues_AreNamedByRowAndColumn()
    {
        string path = _folder.Combine("bad.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE r (user TEXT, item INTEGER, rating); INSERT INTO r VALUES ('a', 1, 4), ('b', 2, 'abc'), (NULL, 3, 5), ('c', 4.5, 3)");
        }

        var error = Assert.Throws<DataFormatException>(() => SqliteSource.Load(path, "SELECT * FROM r"));
        var skipped = SqliteSource.Load(path, "SELECT * FROM r", new LoadOptions { SkipBadRows = true });

        Assert.Equal("sqlite:bad.db row 2, column 'rating': 'abc' is not a number", error.Message);
        Assert.Equal(
            ["sqlite:bad.db row 2, column 'rating': 'abc' is not a number", "sqlite:bad.db row 3, column 'user': the id is null", "sqlite:bad.db row 4, column 'item': the id 4.5 (a real number) is neither a whole number nor text"],
            skipped.Report.BadRowExamples.Select(r => r.ToString()));
        Assert.Equal(1, skipped.Interactions.Count);
    }

    [Fact]
    public void ASecondStatement_IsRefusedNotIgnored()
    {
        string path = _folder.Combine("two.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE r (user TEXT, item TEXT); INSERT INTO r VALUES ('a', 'x'), ('b', 'y')");
        }

        var bytes = File.ReadAllBytes(path);
        Assert.Contains("holds more than one statement", Assert.Throws<InvalidDataException>(() => SqliteSource.Load(path, "SELECT * FROM r; SELECT * FROM r")).Message);
        Assert.Contains("must only read", Assert.Throws<InvalidDataException>(() => SqliteSource.Load(path, "SELECT * FROM r; DELETE FROM r")).Message);
        Assert.Equal(2, SqliteSource.Load(path, "SELECT * FROM r;  \n").Interactions.Count);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void MissingFileQueryOrTable_AreClearErrors()
    {
        string path = _folder.Combine("empty.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE r (user TEXT, item TEXT)");
        }

        Assert.Throws<FileNotFoundException>(() => SqliteSource.Load(_folder.Combine("nope.db"), "SELECT 1"));
        Assert.Contains("no such table: missing", Assert.Throws<InvalidDataException>(() => SqliteSource.Load(path, "SELECT * FROM missing")).Message);
        Assert.Equal("sqlite:empty.db gives no interactions: it has no data rows.", Assert.Throws<InvalidDataException>(() => SqliteSource.Load(path, "SELECT * FROM r")).Message);
        Assert.Contains("needs a SQL query", Assert.Throws<ArgumentException>(() => DataLoader.Load(new DataSpec { Source = "sqlite:" + path })).Message);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
