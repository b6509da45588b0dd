using Npgsql;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Data.Sources.Databases;

namespace Reco.Tests.Data.Sources.Databases;

public sealed class PostgresSourceTests
{
    [PostgresFact]
    public async Task MillionRowTable_LoadsTrainsAndEvaluates()
    {
        string table = "reco_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"""
            SELECT setseed(0.42);
            CREATE TABLE {table} AS
            SELECT 'u' || (g % 5000) AS user_id,
                   floor(power(random(), 3) * 2000)::int AS item_id,
                   (1 + g % 5)::real AS rating,
                   timestamptz '2020-01-01' + g * interval '1 second' AS rated_at
            FROM generate_series(1, 1000000) AS g;
            """);
        try
        {
            var result = await PostgresSource.LoadAsync(
                PostgresFactAttribute.ConnectionString,
                $"SELECT user_id, item_id, rating, rated_at FROM {table} ORDER BY rated_at",
                new LoadOptions { Columns = new("user_id", "item_id", "rating", "rated_at"), Duplicates = DuplicatePolicy.KeepAll });

            var data = result.Interactions;
            Assert.Equal(1_000_000, data.Count);
            Assert.Equal(1_000_000, result.Report.RowsRead);
            Assert.Equal(5000, data.UserCount);
            Assert.Equal("u1", data.Users[0]);
            Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 1, TimeSpan.Zero).ToUnixTimeSeconds(), data.Timestamps[0]);

            var (train, test) = HoldOut.LastPerUser(data);
            var model = new Popularity();
            model.Fit(train);
            double hitRate = HoldOut.HitRate(model, test, k: 10);

            // Items are drawn with a cubed uniform: the ten most popular hold about 17% of the mass,
            // while ten items picked at random would hold 0.5%.
            Assert.InRange(hitRate, 0.10, 0.30);
        }
        finally
        {
            await Execute(connection, $"DROP TABLE {table}");
        }
    }

    [PostgresFact]
    public async Task NullRating_IsABadRowNamedByRowAndColumn()
    {
        string table = "reco_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE TABLE {table} (n int, user_id bigint, item_id text, rating double precision); INSERT INTO {table} VALUES (1, 1, 'a', 4), (2, 2, 'b', NULL), (3, 3, 'c', 'NaN')");
        try
        {
            string query = $"SELECT user_id, item_id, rating FROM {table} ORDER BY n";
            var error = await Assert.ThrowsAsync<DataFormatException>(() => PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, query));
            Assert.Matches(@"^postgres:[^ ]+ row 2, column 'rating': the rating is null$", error.Message);

            var skipped = await PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, query, new LoadOptions { SkipBadRows = true });
            Assert.Equal(1, skipped.Interactions.Count);
            Assert.Equal(2, skipped.Report.RowsSkipped);
            Assert.Contains("row 3, column 'rating': 'NaN' is not a finite number", skipped.Report.BadRowExamples[1].ToString());
        }
        finally
        {
            await Execute(connection, $"DROP TABLE {table}");
        }
    }

    [PostgresFact]
    public async Task BadQuery_IsAClearError()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, "SELECT * FROM no_such_table_here"));

        Assert.Contains("no_such_table_here", error.Message);
    }

    [PostgresFact]
    public async Task WritingQueries_AreRefused_AndChangeNothing()
    {
        string table = "reco_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE TABLE {table} (user_id int, item_id int); INSERT INTO {table} VALUES (1, 2), (3, 4)");
        try
        {
            string[] writes =
            [
                $"DELETE FROM {table} RETURNING user_id, item_id",
                $"WITH gone AS (DELETE FROM {table} RETURNING *) SELECT * FROM gone",
                $"UPDATE {table} SET item_id = 0 RETURNING user_id, item_id",
                $"INSERT INTO {table} VALUES (5, 6) RETURNING user_id, item_id",
                $"COMMIT; DELETE FROM {table} RETURNING user_id, item_id",
                $"SELECT user_id, item_id FROM {table}; DROP TABLE {table}",
                $"DROP TABLE {table}",
                $"SELECT * INTO {table}_copy FROM {table}",
                $"SELECT nextval('{table}_seq')",
            ];
            await Execute(connection, $"CREATE SEQUENCE {table}_seq");
            foreach (string query in writes)
            {
                var error = await Record.ExceptionAsync(() => PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, query));
                Assert.True(error is InvalidDataException or ArgumentException, $"{query}: {error}");
                Assert.Matches(@"^postgres:[^ ]+: the query (must only read, and this one writes \(cannot execute [A-Za-z ()]+ in a read-only transaction\); nothing was changed|must be a single statement|must be a SELECT \(or WITH, VALUES, TABLE\) statement, not '[A-Z]+')\.$", error.Message);
                BadInputCorpusTests.AssertOneCleanLine(error.Message);
            }

            await using var count = new NpgsqlCommand($"SELECT count(*), sum(item_id) FROM {table}", connection);
            await using var reader = await count.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2L, reader.GetInt64(0));
            Assert.Equal(6L, reader.GetInt64(1));
        }
        finally
        {
            await Execute(connection, $"DROP TABLE {table}; DROP SEQUENCE IF EXISTS {table}_seq");
        }
    }

    [PostgresFact]
    public async Task Passwords_NeverAppearInMessages()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Password = "s3cret-Pa55", Database = "no_such_database_here" };
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => PostgresSource.LoadAsync(builder.ConnectionString, "SELECT 1 AS user_id, 2 AS item_id"));
        var badQuery = await Assert.ThrowsAsync<InvalidDataException>(() => PostgresSource.LoadAsync(
            new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Password = "s3cret-Pa55" }.ConnectionString, "SELECT 's3cret-Pa55'::int"));

        foreach (var error in new[] { missing, badQuery })
        {
            Assert.DoesNotContain("s3cret-Pa55", error.Message, StringComparison.Ordinal);
            BadInputCorpusTests.AssertOneCleanLine(error.Message);
        }

        Assert.Contains("no_such_database_here", missing.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task MillisecondTimes_AreDetected_AndConvertedWithTheTimeUnit()
    {
        string query = "SELECT 1 AS user_id, 2 AS item_id, 1600000000123::bigint AS ts";
        var options = new LoadOptions { Columns = new("user_id", "item_id", null, "ts") };

        var error = await Assert.ThrowsAsync<DataFormatException>(() => PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, query, options));
        var loaded = await PostgresSource.LoadAsync(PostgresFactAttribute.ConnectionString, query, options with { TimeUnit = TimeUnit.Milliseconds });

        Assert.EndsWith("row 1, column 'ts': '1600000000123' is after the year 5000 as Unix seconds; it looks like milliseconds: pass --time-unit ms", error.Message);
        Assert.Equal(1_600_000_000L, loaded.Interactions.Timestamps[0]);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
