using Parquet;
using Parquet.Schema;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Data.Sources.Parquet;

public sealed class ParquetSourceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RequiredIntegerColumns_InSeveralRowGroups_KeepRowOrder()
    {
        var fields = new DataField[] { new("userId", typeof(int)), new("movieId", typeof(int)), new("rating", typeof(float)), new("timestamp", typeof(long)) };
        string path = _folder.Combine("ratings.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            for (int g = 0; g < 3; g++)
            {
                using var group = writer.CreateRowGroup();
                int[] users = [10 + g, 20, 10 + g];
                await group.WriteAsync<int>(fields[0], users);
                await group.WriteAsync<int>(fields[1], new[] { 1, 2, 3 });
                await group.WriteAsync<float>(fields[2], new[] { 1f, 2.5f, 5f });
                await group.WriteAsync<long>(fields[3], new[] { 100L * g, (100L * g) + 1, (100L * g) + 2 });
            }
        }

        var result = ParquetSource.Load(path, new LoadOptions { Duplicates = DuplicatePolicy.KeepAll });
        var data = result.Interactions;

        Assert.Equal(9, data.Count);
        Assert.Equal(["10", "20", "11", "12"], data.Users.Ids);
        Assert.Equal([0, 1, 0, 2, 1, 2, 3, 1, 3], data.UserIndices.ToArray());
        Assert.Equal([1f, 2.5f, 5f, 1f, 2.5f, 5f, 1f, 2.5f, 5f], data.Ratings.ToArray());
        Assert.Equal([0L, 1, 2, 100, 101, 102, 200, 201, 202], data.Timestamps.ToArray());
        Assert.Equal(new ColumnMapping("userId", "movieId", "rating", "timestamp"), result.Report.Columns);
    }

    [Fact]
    public async Task TextIdsNullsAndDateTimes_AreReadAndBadRowsNamed()
    {
        var fields = new DataField[] { new("user", typeof(string)), new("item", typeof(long)), new("score", typeof(double), isNullable: true), new DateTimeDataField("at", DateTimeFormat.DateAndTime) };
        string path = _folder.Combine("events.parquet");
        var at = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], new[] { "ann", "bob", "cy", "dee" });
            await group.WriteAsync<long>(fields[1], new[] { 5L, 6, 7, 8 });
            await group.WriteAsync<double>(fields[2], new double?[] { 1.5, null, double.PositiveInfinity, 2 });
            await group.WriteAsync<DateTime>(fields[3], new[] { at, at, at, at.AddSeconds(1) });
        }

        var options = new LoadOptions { Columns = new("user", "item", "score", "at") };
        var error = Assert.Throws<DataFormatException>(() => ParquetSource.Load(path, options));
        var result = ParquetSource.Load(path, options with { SkipBadRows = true });

        Assert.Equal("events.parquet row 2, column 'score': the rating is null", error.Message);
        Assert.Equal(["ann", "dee"], result.Interactions.UserIndices.ToArray().Select(u => result.Interactions.Users[u]));
        Assert.Equal([1.5f, 2f], result.Interactions.Ratings.ToArray());
        Assert.Equal(new DateTimeOffset(at).ToUnixTimeSeconds(), result.Interactions.Timestamps[0]);
        Assert.StartsWith("events.parquet row 3, column 'score': '", result.Report.BadRowExamples[1].ToString());
        Assert.EndsWith("' is not a finite number", result.Report.BadRowExamples[1].ToString());
    }

    [Fact]
    public void NotParquet_IsAClearError()
    {
        string path = _folder.Combine("fake.parquet");
        File.WriteAllText(path, "user,item\n1,2\n");

        var error = Assert.Throws<InvalidDataException>(() => ParquetSource.Load(path));

        Assert.StartsWith("fake.parquet is not a readable Parquet file", error.Message);
    }
}
