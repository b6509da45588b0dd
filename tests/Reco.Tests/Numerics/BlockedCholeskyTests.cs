using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class BlockedCholeskyTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(5, 8)]
    [InlineData(37, 8)]
    [InlineData(100, 32)]
    [InlineData(130, 64)]
    [InlineData(300, 256)]
    [InlineData(520, 256)]
    public void FactorMatchesTheUnblockedSolverAndDoublePrecision(int n, int block)
    {
        var (a, exact) = SymmetricPositiveDefinite(n, seed: n + block);
        var blocked = (float[])a.Clone();
        BlockedCholesky.Factor(blocked, n, block);
        var unblocked = (float[])a.Clone();
        Cholesky.Factor(unblocked, n);
        var reference = DoubleCholesky(exact, n);
        double scale = Math.Sqrt(n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int ij = (i * n) + j;
                if (j > i)
                {
                    Assert.Equal(0f, blocked[ij]);
                    continue;
                }

                Assert.True(Math.Abs(blocked[ij] - reference[ij]) <= 2e-5 * scale, $"L[{i},{j}] = {blocked[ij]}, double {reference[ij]}");
                Assert.True(Math.Abs(blocked[ij] - unblocked[ij]) <= 2e-5 * scale, $"L[{i},{j}] = {blocked[ij]}, unblocked {unblocked[ij]}");
            }
        }
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(9, 8)]
    [InlineData(40, 8)]
    [InlineData(100, 32)]
    [InlineData(257, 64)]
    [InlineData(600, 256)]
    public void InverseMatchesDoublePrecisionAndIsSymmetric(int n, int block)
    {
        var (a, exact) = SymmetricPositiveDefinite(n, seed: 3 * n);
        var inverse = (float[])a.Clone();
        BlockedCholesky.Invert(inverse, n, block);
        var expected = DoubleInverse(exact, n);
        double largest = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(inverse[(i * n) + j], inverse[(j * n) + i]);
                double error = Math.Abs(inverse[(i * n) + j] - expected[(i * n) + j]);
                Assert.True(error <= 1e-4 * largest, $"inverse[{i},{j}] = {inverse[(i * n) + j]}, double {expected[(i * n) + j]}");
            }
        }

        // The unblocked inverse agrees too.
        var unblocked = Cholesky.Invert((float[])a.Clone(), n);
        for (int ij = 0; ij < n * n; ij++)
        {
            Assert.True(Math.Abs(inverse[ij] - unblocked[ij]) <= 1e-4 * largest);
        }
    }

    [Fact]
    public void ANonPositiveDefiniteMatrixNamesItsPivot()
    {
        const int n = 50;
        var (a, _) = SymmetricPositiveDefinite(n, seed: 1);
        a[(40 * n) + 40] = -1e6f;
        var error = Assert.Throws<ArgumentException>(() => BlockedCholesky.Invert(a, n, 16));
        Assert.Contains("pivot 40", error.Message, StringComparison.Ordinal);
    }

    /// <summary>M·Mᵀ/n + I for a random M: well conditioned, with the exact double-precision matrix alongside.</summary>
    private static (float[] Single, double[] Exact) SymmetricPositiveDefinite(int n, int seed)
    {
        var random = new Random(seed);
        var m = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[(i * n) + k] * m[(j * n) + k];
                }

                a[(i * n) + j] = a[(j * n) + i] = (4 * s / n) + (i == j ? 1 : 0);
            }
        }

        // The float matrix is what the solvers see; the exact one is that same float matrix in double.
        var single = a.Select(v => (float)v).ToArray();
        return (single, single.Select(v => (double)v).ToArray());
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting in double precision.</summary>
    private static double[] DoubleInverse(double[] a, int n)
    {
        var m = (double[])a.Clone();
        var inverse = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[(r * n) + c]) > Math.Abs(m[(pivot * n) + c]))
                {
                    pivot = r;
                }
            }

            for (int j = 0; j < n; j++)
            {
                (m[(c * n) + j], m[(pivot * n) + j]) = (m[(pivot * n) + j], m[(c * n) + j]);
                (inverse[(c * n) + j], inverse[(pivot * n) + j]) = (inverse[(pivot * n) + j], inverse[(c * n) + j]);
            }

            double d = m[(c * n) + c];
            for (int j = 0; j < n; j++)
            {
                m[(c * n) + j] /= d;
                inverse[(c * n) + j] /= d;
            }

            for (int r = 0; r < n; r++)
            {
                double f = m[(r * n) + c];
                if (r == c || f == 0)
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    m[(r * n) + j] -= f * m[(c * n) + j];
                    inverse[(r * n) + j] -= f * inverse[(c * n) + j];
                }
            }
        }

        return inverse;
    }

    private static double[] DoubleCholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = i == j ? Math.Sqrt(s) : s / l[(j * n) + j];
            }
        }

        return l;
    }
}
