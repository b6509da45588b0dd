using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class SoftmaxTests
{
    [Fact]
    public void ExpMatchesMathExpAcrossTheRange()
    {
        var values = Enumerable.Range(0, 20001).Select(i => -100f + (i * 0.01f)).ToArray();
        var copy = values.ToArray();
        Softmax.ExpShiftedInPlace(copy, 0f);
        for (int i = 0; i < values.Length; i++)
        {
            double expected = Math.Exp(values[i]);
            if (values[i] < -87.3f)
            {
                Assert.Equal(0f, copy[i]);
            }
            else if (values[i] > 88.7f)
            {
                Assert.Equal(float.PositiveInfinity, copy[i]);
            }
            else
            {
                Assert.True(Math.Abs(copy[i] - expected) <= 3e-7 * expected, $"exp({values[i]}) = {copy[i]}, expected {expected}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(4096)]
    public void KernelsMatchScalarReferences(int n)
    {
        var random = new Random(n);
        var values = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (float)random.Next(1, 4)).ToArray();
        Assert.Equal(values.Max(), Softmax.Max(values));

        float shift = values.Max();
        var plain = values.ToArray();
        double plainSum = Softmax.ExpShiftedInPlace(plain, shift);
        var weighted = values.ToArray();
        double weightedSum = Softmax.ExpShiftedInPlace(weighted, shift, weights);
        Assert.Equal(values.Sum(v => Math.Exp(v - shift)), plainSum, 1e-4 * plainSum);
        Assert.Equal(values.Select((v, i) => weights[i] * Math.Exp(v - shift)).Sum(), weightedSum, 1e-4 * weightedSum);

        Softmax.Scale(plain, weights, 0.5f);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(weighted[i] * weights[i] * 0.5f, plain[i], 1e-6f);
        }
    }

    [Fact]
    public void MaxOfEmptyIsNegativeInfinityAndInfinitiesPass()
    {
        Assert.Equal(float.NegativeInfinity, Softmax.Max([]));
        var values = new[] { float.NegativeInfinity, 0f };
        Assert.Equal(1f, Softmax.ExpShiftedInPlace(values, 0f));
        Assert.Equal(0f, values[0]);
    }
}
