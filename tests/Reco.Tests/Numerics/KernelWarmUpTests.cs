using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class KernelWarmUpTests
{
    [Fact]
    public async Task CompilesEveryKernelOfThisMachineOnceWithoutFailing()
    {
        var first = KernelWarmUp.Start();
        Assert.Same(first, KernelWarmUp.Start());
        await first;
        Assert.True(first.IsCompletedSuccessfully);
    }

    [Fact]
    public void CoversTheMicroKernelsOfTheBestPath()
    {
        var types = KernelWarmUp.Types();
        var expected = Gemm.BestPath switch
        {
            GemmPath.Avx512 => typeof(Avx512Kernel),
            GemmPath.Avx2 => typeof(Avx2Kernel),
            _ => typeof(PortableKernel),
        };
        Assert.Contains(expected, types);
        Assert.Contains(typeof(GemmPacked), types);
        Assert.Contains(typeof(Softmax), types);
    }
}
