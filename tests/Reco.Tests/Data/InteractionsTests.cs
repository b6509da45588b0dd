using Reco.Data;

namespace Reco.Tests.Data;

public class InteractionsTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ARatingThatIsNotAFiniteNumberIsRefusedWithItsRow(float rating)
    {
        var error = Assert.Throws<ArgumentException>(() => Interactions.From([("a", "x", 4f, 0L), ("a", "y", rating, 1L), ("b", "x", 3f, 2L)]));
        Assert.Contains("Row 1", error.Message);
        Assert.Equal("ratings", error.ParamName);
    }

    [Fact]
    public void FiniteRatingsOfAnySignAreKept()
    {
        var data = Interactions.From([("a", "x", -2f, 0L), ("a", "y", 0f, 1L), ("b", "x", 3e38f, 2L)]);
        Assert.Equal([-2f, 0f, 3e38f], data.Ratings.ToArray());
    }
}
