using System.Diagnostics;
using Reco.IO;

namespace Reco.Tests.IO;

public class ScratchNameTests
{
    private const string Prefix = ".reco-staging-";

    [Fact]
    public void OurOwnEntryIsAbandonedOnlyOnceNoWriteUsesIt()
    {
        var path = Path.Combine(TestData.TempDirectory(), ScratchName.Create(Prefix));
        ScratchName.Claim(path);
        Assert.False(ScratchName.IsAbandoned(path, Prefix));
        ScratchName.Release(path);
        Assert.True(ScratchName.IsAbandoned(path, Prefix));
    }

    [Fact]
    public void AnEntryOfAProcessThatIsGoneOrWasReplacedIsAbandoned()
    {
        var folder = TestData.TempDirectory();
        Assert.True(ScratchName.IsAbandoned(Path.Combine(folder, $"{Prefix}99999999-1700000000-{Guid.NewGuid():N}"), Prefix));

        using var init = Process.GetProcessById(1);
        long start = new DateTimeOffset(init.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        Assert.False(ScratchName.IsAbandoned(Path.Combine(folder, $"{Prefix}1-{start}-{Guid.NewGuid():N}"), Prefix));
        Assert.True(ScratchName.IsAbandoned(Path.Combine(folder, $"{Prefix}1-{start - 3600}-{Guid.NewGuid():N}"), Prefix));
    }

    [Theory]
    [InlineData(".reco-staging-")]
    [InlineData(".reco-staging-by-hand")]
    [InlineData(".reco-staging-1-2")]
    [InlineData(".reco-staging-x-1700000000-0123456789abcdef0123456789abcdef")]
    [InlineData(".reco-staging-99999999-1700000000-short")]
    [InlineData("model-99999999-1700000000-0123456789abcdef0123456789abcdef")]
    public void ANameThatIsNotClearlyOursIsNeverAbandoned(string name)
    {
        Assert.False(ScratchName.IsAbandoned(Path.Combine(TestData.TempDirectory(), name), Prefix));
    }
}
