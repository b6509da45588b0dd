using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class GemmTests
{
    // Paths are passed by name: GemmPath is internal, and theory signatures must be public.
    private static readonly string[] PathNames = Enum.GetNames<GemmPath>();

    public static TheoryData<string> Paths => new(PathNames);

    public static TheoryData<string, int, int, int> PathsAndShapes()
    {
        var shapes = new (int M, int N, int K)[]
        {
            (0, 0, 0), (0, 5, 3), (4, 0, 3), (3, 5, 0), (1, 1, 1), (1, 17, 3), (7, 37, 5), (9, 33, 1),
            (8, 32, 8), (16, 64, 64), (17, 65, 33), (13, 100, 300), (3, 200, 7), (40, 15, 9), (33, 31, 257),
            (6, 16, 2), (5, 15, 4), (129, 48, 20), (12, 40, 70), (36, 70, 260), (64, 70, 33),
        };
        var data = new TheoryData<string, int, int, int>();
        foreach (string path in PathNames)
        {
            foreach (var (m, n, k) in shapes)
            {
                data.Add(path, m, n, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void MatchesReference(string pathName, int m, int n, int k)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        foreach (bool accumulate in new[] { false, true })
        {
            Check(path, m, n, k, transposedA: false, extraLd: 0, accumulate, seed: (m * 31) + (n * 7) + k);
            Check(path, m, n, k, transposedA: true, extraLd: 3, accumulate, seed: (m * 17) + n + (k * 5));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TrainingShapesMatchReference(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        const int batch = 256, dim = 64;
        foreach (int r in new[] { 32, 45 })
        {
            // Logits block: R × B = (R × 64) · (64 × B).
            Check(path, r, batch, dim, transposedA: false, extraLd: 0, accumulate: false, seed: 1);

            // Query gradient: R × 64 = (R × B) · (B × 64), deep enough to cross a k block.
            Check(path, r, dim, 300, transposedA: false, extraLd: 0, accumulate: false, seed: 2);

            // Candidate gradient: 64 × B += Uᵀ · G with U stored R × 64.
            Check(path, dim, batch, r, transposedA: true, extraLd: 0, accumulate: true, seed: 3);
        }

        // Scoring, with a width that is not a multiple of any tile.
        Check(path, 150, 170, dim, transposedA: false, extraLd: 5, accumulate: false, seed: 4);
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void PackedDriversGiveTheDirectDriversBits(string pathName, int m, int n, int k)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        foreach (bool transposedA in new[] { false, true })
        {
            SameBits(path, m, n, k, transposedA, accumulate: transposedA, seed: m + n + k);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void PackedDriversMatchReferenceAcrossBlocks(string pathName)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        if (!Gemm.IsSupported(path))
        {
            return;
        }

        // Several row blocks, k blocks and (with the narrow B) edge tiles in both directions.
        foreach (var (m, n, k) in new[] { (301, 170, 600), (130, 4100, 20), (270, 33, 257) })
        {
            foreach (var driver in new[] { GemmDriverChoice.Packed, GemmDriverChoice.PackedParallel })
            {
                Check(path, m, n, k, transposedA: false, extraLd: 3, accumulate: true, seed: m, driver);
                Check(path, m, n, k, transposedA: true, extraLd: 0, accumulate: false, seed: n, driver);
            }

            SameBits(path, m, n, k, transposedA: true, accumulate: true, seed: k);
        }
    }

    [Fact]
    public void LargeParallelProductMatchesReference()
    {
        // Large enough for the packed driver with blocks shared by the threads.
        var rng = new Random(5);
        int m = 520, n = 300, k = 270;
        float[] a = Random(rng, m * k);
        float[] b = Random(rng, k * n);
        float[] c = Random(rng, m * n);
        double[] expected = Reference(m, n, k, a, k, 1, b, n, c, n, accumulate: true);
        Gemm.MultiplyParallel(m, n, k, a, k, 1, b, n, c, n, accumulate: true);
        AssertClose(expected, c, m, n, n, k);
    }

    [Fact]
    public void ParallelMatchesReference()
    {
        foreach (var (m, n, k) in new[] { (300, 170, 64), (1, 4096, 64), (64, 64, 1024), (0, 3, 3) })
        {
            var rng = new Random(m + n + k);
            float[] a = Random(rng, m * k);
            float[] b = Random(rng, k * n);
            float[] c = Random(rng, m * n);
            double[] expected = Reference(m, n, k, a, k, 1, b, n, c, n, accumulate: true);
            Gemm.MultiplyParallel(m, n, k, a, k, 1, b, n, c, n, accumulate: true);
            AssertClose(expected, c, m, n, n, k);
        }
    }

    [Fact]
    public void PublicEntryPointMatchesReference()
    {
        var rng = new Random(9);
        int m = 37, n = 129, k = 70;
        float[] a = Random(rng, m * k);
        float[] b = Random(rng, k * n);
        float[] c = new float[m * n];
        double[] expected = Reference(m, n, k, a, k, 1, b, n, c, n, accumulate: false);
        Gemm.Multiply(m, n, k, a, k, 1, b, n, c, n, accumulate: false);
        AssertClose(expected, c, m, n, n, k);
    }

    [Fact]
    public void ZeroDepthClearsOrKeepsC()
    {
        float[] c = { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply(2, 2, 0, [], 0, 1, [], 2, c, 3, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
        Gemm.Multiply(2, 2, 0, [], 0, 1, [], 2, c, 3, accumulate: false);
        Assert.Equal(new float[] { 0, 0, 3, 0, 0, 6 }, c);
    }

    [Fact]
    public void RejectsInvalidArguments()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(-1, 2, 3, a, 3, 1, b, 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, -2, 3, a, 3, 1, b, 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, -3, a, 3, 1, b, 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, a, -3, 1, b, 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, a, 3, -1, b, 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, a, 3, 1, b, 1, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, a, 3, 1, b, 2, c, 1, false));
        Assert.Throws<ArgumentException>("a", () => Gemm.Multiply(2, 2, 3, a.AsSpan(1), 3, 1, b, 2, c, 2, false));
        Assert.Throws<ArgumentException>("a", () => Gemm.Multiply(2, 2, 3, a, 1, 3, b, 2, c, 2, false));
        Assert.Throws<ArgumentException>("b", () => Gemm.Multiply(2, 2, 3, a, 3, 1, b.AsSpan(1), 2, c, 2, false));
        Assert.Throws<ArgumentException>("c", () => Gemm.Multiply(2, 2, 3, a, 3, 1, b, 2, c.AsSpan(1), 2, false));
        Assert.Throws<ArgumentException>("c", () => Gemm.Multiply(2, 2, 3, a, 3, 1, b, 2, c, 3, false));
        Assert.Throws<ArgumentException>("c", () => Gemm.MultiplyParallel(2, 2, 3, a, 3, 1, b, 2, c.AsSpan(1), 2, false));

        float[] shared = new float[16];
        Assert.Throws<ArgumentException>("c", () => Gemm.Multiply(2, 2, 2, shared.AsSpan(0, 4), 2, 1, shared.AsSpan(4, 4), 2, shared.AsSpan(6, 4), 2, false));

        // Minimal spans that exactly fit the strides are accepted.
        Gemm.Multiply(2, 2, 3, a, 3, 1, b, 2, c, 2, false);
        Gemm.Multiply(2, 2, 3, a, 1, 2, b, 2, new float[5], 3, false);
    }

    /// <summary>Every driver sums each element in the same order, so the packed ones must reproduce the direct one bit for bit.</summary>
    private static void SameBits(GemmPath path, int m, int n, int k, bool transposedA, bool accumulate, int seed)
    {
        var rng = new Random(seed);
        int rs = transposedA ? 1 : k + 1;
        int cs = transposedA ? m + 2 : 1;
        int ld = n + 3;
        float[] a = Random(rng, Math.Max(0, transposedA ? (k * cs) : (m * rs)));
        float[] b = Random(rng, k * ld);
        float[] c = Random(rng, m * ld);
        float[] direct = (float[])c.Clone();
        Gemm.Multiply(path, GemmDriverChoice.Direct, m, n, k, a, rs, cs, b, ld, direct, ld, accumulate);
        foreach (var driver in new[] { GemmDriverChoice.Packed, GemmDriverChoice.PackedParallel })
        {
            float[] packed = (float[])c.Clone();
            Gemm.Multiply(path, driver, m, n, k, a, rs, cs, b, ld, packed, ld, accumulate);
            Assert.Equal(direct, packed);
        }
    }

    private static void Check(GemmPath path, int m, int n, int k, bool transposedA, int extraLd, bool accumulate, int seed, GemmDriverChoice driver = GemmDriverChoice.Auto)
    {
        var rng = new Random(seed);
        int rs = transposedA ? 1 : k + extraLd;
        int cs = transposedA ? m + extraLd : 1;
        int ldb = n + extraLd, ldc = n + extraLd;
        float[] a = Random(rng, Math.Max(0, transposedA ? (k * cs) : (m * rs)));
        float[] b = Random(rng, k * ldb);
        float[] c = Random(rng, m * ldc);
        double[] expected = Reference(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate);
        Gemm.Multiply(path, driver, m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate);
        AssertClose(expected, c, m, n, ldc, k);
    }

    private static double[] Reference(
        int m, int n, int k, float[] a, int rs, int cs, float[] b, int ldb, float[] c, int ldc, bool accumulate)
    {
        // Starts from C so that padding between rows (ldc > n) must stay untouched.
        double[] result = Array.ConvertAll(c, x => (double)x);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * ldc) + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[(i * rs) + (p * cs)] * b[(p * ldb) + j];
                }

                result[(i * ldc) + j] = sum;
            }
        }

        return result;
    }

    private static void AssertClose(double[] expected, float[] actual, int m, int n, int ldc, int k)
    {
        Assert.Equal(expected.Length, actual.Length);

        // Inputs are in [-1, 1], so |error| grows at most like k · ε; compare relative to that scale.
        double tolerance = 1e-4 * Math.Max(1, Math.Sqrt(k));
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1, Math.Abs(expected[i]));
            if (Math.Abs(expected[i] - actual[i]) > tolerance * scale)
            {
                Assert.Fail($"Mismatch at row {i / Math.Max(1, ldc)}, column {i % Math.Max(1, ldc)} of {m}×{n}: expected {expected[i]}, got {actual[i]}.");
            }
        }
    }

    private static float[] Random(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
