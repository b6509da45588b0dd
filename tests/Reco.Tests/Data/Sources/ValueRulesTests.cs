using Reco.Data.Sources;

namespace Reco.Tests.Data.Sources;

public sealed class ValueRulesTests
{
    [Fact]
    public void TimeRange_RunsFrom1970ToTheYear5000()
    {
        Assert.Equal(ValueRules.EndSeconds, new DateTimeOffset(5000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        Assert.Null(ValueRules.TimeProblem(0, TimeUnit.Seconds, out _));
        Assert.Null(ValueRules.TimeProblem(ValueRules.EndSeconds - 1, TimeUnit.Seconds, out _));
        Assert.NotNull(ValueRules.TimeProblem(ValueRules.EndSeconds, TimeUnit.Seconds, out _));
        Assert.NotNull(ValueRules.TimeProblem(-1, TimeUnit.Milliseconds, out long floor));
        Assert.Equal(-1, floor);
    }

    [Theory]
    [InlineData(1_600_000_000_000L, TimeUnit.Seconds, "milliseconds: pass --time-unit ms")]
    [InlineData(1_600_000_000_000_000L, TimeUnit.Seconds, "microseconds: pass --time-unit us")]
    [InlineData(1_600_000_000_000_000_000L, TimeUnit.Seconds, "nanoseconds: pass --time-unit ns")]
    [InlineData(1_600_000_000_000_000L, TimeUnit.Milliseconds, "microseconds: pass --time-unit us")]
    public void FarFutureTimes_NameTheUnitTheyLookLike(long value, TimeUnit unit, string hint)
    {
        Assert.EndsWith($"it looks like {hint}", ValueRules.TimeProblem(value, unit, out _));
    }

    [Fact]
    public void Ids_MustBePrintableText_AndRatingsFiniteFloats()
    {
        Assert.Null(ValueRules.IdProblem("Señor 12\" vinyl"));
        Assert.Equal("the id is empty", ValueRules.IdProblem(""));
        Assert.Equal("the id contains the control character U+007F (character 2); ids must be printable text", ValueRules.IdProblem("a\u007f"));
        Assert.Null(ValueRules.RatingProblem(3.4e38, "'3.4e38'"));
        Assert.Equal("'NaN' is not a finite number", ValueRules.RatingProblem(double.NaN, ValueRules.Shown(double.NaN)));
        Assert.StartsWith("'1E+39' is too large for a rating", ValueRules.RatingProblem(1e39, ValueRules.Shown(1e39)));
    }
}
