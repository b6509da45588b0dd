using Reco.Models.Factorization;

namespace Reco.Tests.Models.Factorization;

public class ConfidenceGatherTests
{
    [Theory]
    [InlineData(64, true)]
    [InlineData(64, false)]
    [InlineData(32, true)]
    [InlineData(32, false)]
    [InlineData(17, true)]
    [InlineData(17, false)]
    [InlineData(40, true)]
    [InlineData(8, false)]
    public void TheGatherMatchesTheFormulaInDoubles(int f, bool residual)
    {
        var random = new Random(f);
        int rows = 50;
        var other = Enumerable.Range(0, rows * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        int[] indices = [3, 0, 49, 7, 7, 21, 30, 12, 44, 1, 2];
        var confidence = indices.Select(_ => 1f + (4 * random.NextSingle())).ToArray();
        var v = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var acc = Enumerable.Range(0, f).Select(_ => random.NextSingle()).ToArray();
        var expected = acc.Select(a => (double)a).ToArray();
        for (int k = 0; k < indices.Length; k++)
        {
            double dot = 0;
            for (int j = 0; j < f; j++)
            {
                dot += (double)other[(indices[k] * f) + j] * v[j];
            }

            double c = confidence[k];
            double w = residual ? c - ((c - 1) * dot) : (c - 1) * dot;
            for (int j = 0; j < f; j++)
            {
                expected[j] += w * other[(indices[k] * f) + j];
            }
        }

        ConfidenceGather.Accumulate(other, indices, confidence, v, acc, residual);
        for (int j = 0; j < f; j++)
        {
            Assert.Equal(expected[j], acc[j], 1e-4);
        }
    }

    // 64 and 32 are the 512-bit code's lengths; the others leave the 256-bit code a block of 32 or 8 columns, or a
    // scalar tail (multiples of 8 are not required), or are shorter than a vector.
    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    [InlineData(136)]
    [InlineData(96)]
    [InlineData(72)]
    [InlineData(40)]
    [InlineData(8)]
    [InlineData(67)]
    [InlineData(17)]
    [InlineData(3)]
    [InlineData(1)]
    public void TheSymmetricProductMatchesTheProductInDoubles(int f)
    {
        var random = new Random(f);
        var y = Enumerable.Range(0, 20 * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var a = new double[f * f];
        for (int r = 0; r < 20; r++)
        {
            for (int i = 0; i < f; i++)
            {
                for (int j = 0; j < f; j++)
                {
                    a[(i * f) + j] += (double)y[(r * f) + i] * y[(r * f) + j];
                }
            }
        }

        for (int d = 0; d < f; d++)
        {
            a[(d * f) + d] += 0.5;
        }

        var single = a.Select(x => (float)x).ToArray();
        var v = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var result = Enumerable.Repeat(float.NaN, f).ToArray();
        ConfidenceGather.SymmetricMatVec(single, v, result);
        for (int i = 0; i < f; i++)
        {
            double expected = 0;
            double magnitude = 0;
            for (int j = 0; j < f; j++)
            {
                expected += (double)single[(i * f) + j] * v[j];
                magnitude += Math.Abs((double)single[(i * f) + j] * v[j]);
            }

            Assert.True(Math.Abs(expected - result[i]) <= Bound(f, magnitude), $"element {i}: {result[i]} against {expected}");
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    [InlineData(128)]
    [InlineData(72)]
    [InlineData(48)]
    [InlineData(40)]
    [InlineData(24)]
    [InlineData(8)]
    [InlineData(67)]
    [InlineData(17)]
    [InlineData(3)]
    [InlineData(1)]
    public void RowDotProductsMatchThoseInDoubles(int f)
    {
        var random = new Random(f);
        int n = 9;
        var rows = Enumerable.Range(0, (n + 2) * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var x = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var scores = Enumerable.Repeat(float.NaN, n + 1).ToArray();
        ConfidenceGather.DotRows(x, rows, scores.AsSpan(0, n));
        for (int i = 0; i < n; i++)
        {
            double expected = 0;
            double magnitude = 0;
            for (int j = 0; j < f; j++)
            {
                expected += (double)x[j] * rows[(i * f) + j];
                magnitude += Math.Abs((double)x[j] * rows[(i * f) + j]);
            }

            Assert.True(Math.Abs(expected - scores[i]) <= Bound(f, magnitude), $"row {i}: {scores[i]} against {expected}");
        }

        Assert.True(float.IsNaN(scores[n]), "a score past the rows asked for was written");
    }

    // Gathered rows in the order of the indices, repeats included; more and fewer indices than the rows prefetched ahead.
    [Theory]
    [InlineData(64, 11)]
    [InlineData(64, 3)]
    [InlineData(32, 11)]
    [InlineData(32, 2)]
    [InlineData(72, 11)]
    [InlineData(40, 11)]
    [InlineData(8, 11)]
    [InlineData(67, 11)]
    [InlineData(17, 4)]
    [InlineData(3, 11)]
    [InlineData(1, 11)]
    [InlineData(64, 0)]
    public void GatheredRowDotProductsMatchThoseInDoubles(int f, int n)
    {
        var random = new Random(f + n);
        int rows = 50;
        var other = Enumerable.Range(0, rows * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        int[] all = [3, 0, 49, 7, 7, 21, 30, 12, 44, 1, 2];
        var indices = all[..n];
        var x = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var scores = Enumerable.Repeat(float.NaN, n + 1).ToArray();
        ConfidenceGather.DotRows(x, other, indices, scores);
        for (int k = 0; k < n; k++)
        {
            double expected = 0;
            double magnitude = 0;
            for (int j = 0; j < f; j++)
            {
                expected += (double)x[j] * other[(indices[k] * f) + j];
                magnitude += Math.Abs((double)x[j] * other[(indices[k] * f) + j]);
            }

            Assert.True(Math.Abs(expected - scores[k]) <= Bound(f, magnitude), $"index {k}: {scores[k]} against {expected}");
        }

        Assert.True(float.IsNaN(scores[n]), "a score past the indices was written");
    }

    /// <summary>
    /// The rounding bound of a float sum of f products, f·u·Σ|x_j y_j| (u = 2⁻²⁴), doubled: a product missed or
    /// counted twice is far outside it.
    /// </summary>
    private static double Bound(int f, double magnitude) => 2 * f * Math.Pow(2, -24) * (magnitude + 1e-3);

    [Fact]
    public void TooFewRowsForTheScoresAreRefused()
    {
        var scores = new float[3];
        Assert.Throws<ArgumentException>(() => ConfidenceGather.DotRows(new float[8], new float[16], scores));
    }
}
