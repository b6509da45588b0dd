using Microsoft.Data.Sqlite;
using Parquet;
using Parquet.Schema;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources;

/// <summary>One column named for two roles, directly, in another case or by position, is refused by every source.</summary>
public sealed class ColumnMappingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Mappings over the columns user_id, item_id, rating, timestamp that put two roles in one column, for every source.</summary>
    public static TheoryData<ColumnMapping, string> Clashes => new()
    {
        { new ColumnMapping("user_id", "user_id"), "the user id and the item id are both read from column 'user_id'" },
        { new ColumnMapping("user_id", "USER_ID"), "the user id and the item id are both read from column 'user_id'" },
        { new ColumnMapping("user_id", "item_id", "item_id"), "the item id and the rating are both read from column 'item_id'" },
        { new ColumnMapping("u", "i") with { User = "item_id", Item = "item_id" }, "the user id and the item id are both read from column 'item_id'" },
    };

    /// <summary>Text files also name columns by position, and read any column as a time.</summary>
    public static TheoryData<ColumnMapping, string> TextClashes => new()
    {
        { new ColumnMapping("user_id", "1"), "the user id and the item id are both read from column 'user_id'" },
        { new ColumnMapping("user_id", "item_id", "rating", "RATING"), "the rating and the time are both read from column 'rating'" },
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    [MemberData(nameof(TextClashes))]
    public void TextFilesRefuseIt(ColumnMapping columns, string expected)
    {
        var path = _folder.Combine("r.csv");
        File.WriteAllText(path, "user_id,item_id,rating,timestamp\nu1,i1,4,100\nu2,i2,3,200\n");
        var error = Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(path, options: new LoadOptions { Columns = columns }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clashes))]
    public async Task ParquetFilesRefuseIt(ColumnMapping columns, string expected)
    {
        var fields = new DataField[] { new("user_id", typeof(int)), new("item_id", typeof(int)), new("rating", typeof(float)), new("timestamp", typeof(long)) };
        var path = _folder.Combine("r.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], new[] { 1, 2 });
            await group.WriteAsync<int>(fields[1], new[] { 10, 20 });
            await group.WriteAsync<float>(fields[2], new[] { 4f, 3f });
            await group.WriteAsync<long>(fields[3], new[] { 100L, 200L });
        }

        var error = Assert.Throws<InvalidDataException>(() => ParquetSource.Load(path, new LoadOptions { Columns = columns }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clashes))]
    public void SqliteQueriesRefuseIt(ColumnMapping columns, string expected)
    {
        var path = _folder.Combine("r.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE r (user_id TEXT, item_id TEXT, rating REAL, timestamp INTEGER); INSERT INTO r VALUES ('u1', 'i1', 4, 100), ('u2', 'i2', 3, 200);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => Reco.Data.Sources.Databases.SqliteSource.Load(path, "SELECT * FROM r", new LoadOptions { Columns = columns }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DistinctColumnsStillLoad()
    {
        var path = _folder.Combine("ok.csv");
        File.WriteAllText(path, "user_id,item_id,rating,timestamp\nu1,i1,4,100\nu2,i2,3,200\n");
        var result = DelimitedTextSource.Load(path, options: new LoadOptions { Columns = new ColumnMapping("USER_ID", "2", "rating", "timestamp") });
        Assert.Equal(2, result.Interactions.Count);
        Assert.Equal(["u1", "u2"], result.Interactions.Users.Ids);
    }
}
