using Reco.Data.Sources;

namespace Reco.Tests.Data.Sources;

public class ColumnMappingTests
{
    [Theory]
    [InlineData("user", "user", null, null, "Column 'user' is named for both the user id and the item id")]
    [InlineData("u", "i", "u", null, "Column 'u' is named for both the user id and the rating")]
    [InlineData("u", "i", null, "i", "Column 'i' is named for both the item id and the time")]
    [InlineData("1", "2", "3", "3", "Column '3' is named for both the rating and the time")]
    public void OneColumnForTwoRolesIsRefused(string user, string item, string? rating, string? time, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new ColumnMapping(user, item, rating, time));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DistinctColumnsAndDetectionStillWork()
    {
        Assert.Equal(new ColumnMapping("User", "user"), new ColumnMapping("User", "user"));
        Assert.Equal(new ColumnMapping("userId", "movieId", "rating", "timestamp"), ColumnMapping.Detect(["userId", "movieId", "rating", "timestamp"]));
        Assert.Equal(new ColumnMapping("1", "2", "3", null), ColumnMapping.Positional(3));
    }
}
