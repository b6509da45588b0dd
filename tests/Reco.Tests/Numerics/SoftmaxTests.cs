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

    [Fact]
    public void EveryVectorWidthAgreesWithTheScalarExp()
    {
        // The scalar exp serves the tails of every path and whole rows where no vector unit is used.
        var values = Enumerable.Range(0, 4096).Select(i => -100f + (i * (200f / 4095))).Concat([-87.3f, 88.7f, 0f, -1e-8f]).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            float scalar = Softmax.ExpScalar(x);
            Assert.Equal(x < -87.3f ? 0f : x > 88.7f ? float.PositiveInfinity : MathF.Exp(x), scalar);
            AgreesWith(scalar, Softmax.Exp(System.Runtime.Intrinsics.Vector128.Create(x))[0], x);
            if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                AgreesWith(scalar, Softmax.Exp(System.Runtime.Intrinsics.Vector256.Create(x))[3], x);
            }

            if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            {
                AgreesWith(scalar, Softmax.Exp(System.Runtime.Intrinsics.Vector512.Create(x))[15], x);
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
    public void RowsOfEveryLengthGiveTheSameValuesWhereverTheyFallInAVector()
    {
        // A value's exp must not depend on whether it lands in a vector or in the scalar tail.
        var random = new Random(3);
        var pool = Enumerable.Range(0, 64).Select(_ => (float)((random.NextDouble() * 180) - 90)).ToArray();
        var whole = pool.ToArray();
        Softmax.ExpShiftedInPlace(whole, 0f);
        for (int length = 1; length <= pool.Length; length++)
        {
            var row = pool[^length..].ToArray();
            Softmax.ExpShiftedInPlace(row, 0f);
            for (int i = 0; i < length; i++)
            {
                AgreesWith(whole[pool.Length - length + i], row[i], pool[pool.Length - length + i]);
            }
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

    private static void AgreesWith(float expected, float actual, float x)
    {
        if (expected == 0f || float.IsPositiveInfinity(expected))
        {
            Assert.True(expected == actual, $"exp({x}): {actual}, expected {expected}");
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= 3e-7 * expected, $"exp({x}): {actual}, expected {expected}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(16, 3)]
    [InlineData(16, 15)]
    [InlineData(40, 0)]
    [InlineData(40, 39)]
    [InlineData(257, 128)]
    public void ANaNLogitMakesTheSoftmaxSumNaNWhereverItSits(int n, int at)
    {
        // Max may drop a NaN (it is NaN-unaware by design), so the exponentials must carry it to the loss.
        var values = Enumerable.Range(0, n).Select(i => (float)Math.Sin(i)).ToArray();
        values[at] = float.NaN;
        float shift = Softmax.Max(values);
        Assert.True(float.IsNaN(Softmax.ExpShiftedInPlace(values.ToArray(), shift)));
        Assert.True(float.IsNaN(Softmax.ExpShiftedInPlace(values.ToArray(), shift, Enumerable.Repeat(1f, n).ToArray())));
    }
}
