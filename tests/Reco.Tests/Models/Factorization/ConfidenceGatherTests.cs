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

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    public void TheSymmetricProductMatchesTheRowDotProducts(int f)
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

        var v = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var result = new float[f];
        if (!ConfidenceGather.SymmetricMatVec(a.Select(x => (float)x).ToArray(), v, result))
        {
            return; // no AVX-512: the caller's scalar product is used instead
        }

        for (int i = 0; i < f; i++)
        {
            double expected = 0;
            for (int j = 0; j < f; j++)
            {
                expected += a[(i * f) + j] * v[j];
            }

            Assert.Equal(expected, result[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    public void RowDotProductsMatchThoseInDoubles(int f)
    {
        var random = new Random(f);
        var rows = Enumerable.Range(0, 9 * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var x = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var scores = new float[9];
        if (!ConfidenceGather.DotRows(x, rows, scores))
        {
            return; // no AVX-512: the caller's dot products are used instead
        }

        for (int i = 0; i < 9; i++)
        {
            double expected = 0;
            for (int j = 0; j < f; j++)
            {
                expected += (double)x[j] * rows[(i * f) + j];
            }

            Assert.Equal(expected, scores[i], 1e-5);
        }
    }
}
