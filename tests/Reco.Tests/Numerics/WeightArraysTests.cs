using Reco.Layers;
using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class WeightArraysTests
{
    [Fact]
    public void SizesBeyondOneArrayOrTheMachineAreClearErrorsBeforeAllocating()
    {
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => WeightArrays.New(1_000_000, 1_000_000, "An embedding table"));
        Assert.Contains("An embedding table would hold 1,000,000 × 1,000,000 values, more than one array can hold", tooMany.Message);

        Assert.Equal(12, WeightArrays.New(3, 4, "A kernel").Length);
        Assert.Empty(WeightArrays.New(0, 4, "A kernel"));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightArrays.New(-1, 4, "A kernel"));
    }

    [Fact]
    public void LayersReportTheirSizeInsteadOfOverflowing()
    {
        // 10⁶ × 10⁶ overflowed int arithmetic before the check.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(1_000_000, 1_000_000));
        Assert.Contains("embedding table", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(64, int.MaxValue / 2));

        // The recurrent kernel (units × 3·units) is the largest: checked before its initialiser starts.
        Assert.Contains("A GRU's recurrent kernel would hold 40,000 × 120,000 values", Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(1, 40_000)).Message);
    }
}
