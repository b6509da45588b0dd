using Reco.Models.Factorization;

namespace Reco.Tests.Models.Factorization;

/// <summary>
/// The conjugate-gradient vector updates against the same arithmetic in double precision, at lengths that end
/// on a whole vector and lengths with a tail (every ISA path runs them in CI's reruns with AVX-512 and AVX2 off).
/// </summary>
public class ConjugateGradientTests
{
    public static TheoryData<int> Lengths => [1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100];

    private static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotMatchesADoublePrecisionSum(int n)
    {
        var a = Values(n, 1);
        var b = Values(n, 2);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            expected += (double)a[i] * b[i];
        }

        Assert.Equal(expected, ConjugateGradient.Dot(a, b), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NegateFlipsEverySign(int n)
    {
        var v = Values(n, 3);
        var copy = (float[])v.Clone();
        ConjugateGradient.Negate(v);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(-copy[i], v[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StepUpdatesTheSolutionAndResidualAndReturnsTheNewResidualNorm(int n)
    {
        var x = Values(n, 4);
        var r = Values(n, 5);
        var p = Values(n, 6);
        var ap = Values(n, 7);
        const float alpha = 0.37f;
        var x0 = x.Select(v => (double)v).ToArray();
        var r0 = r.Select(v => (double)v).ToArray();

        float rr = ConjugateGradient.Step(x, r, p, ap, alpha);

        double expectedNorm = 0;
        for (int i = 0; i < n; i++)
        {
            double xi = x0[i] + (alpha * (double)p[i]);
            double ri = r0[i] - (alpha * (double)ap[i]);
            Assert.Equal(xi, x[i], 1e-6);
            Assert.Equal(ri, r[i], 1e-6);
            expectedNorm += ri * ri;
        }

        Assert.Equal(expectedNorm, rr, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DirectionIsTheResidualPlusBetaTimesTheOldDirection(int n)
    {
        var p = Values(n, 8);
        var r = Values(n, 9);
        var old = (float[])p.Clone();
        const float beta = -1.25f;
        ConjugateGradient.Direction(p, r, beta);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(r[i] + (beta * (double)old[i]), p[i], 1e-6);
        }
    }

    [Fact]
    public void VectorsOfDifferentLengthsAreRefused()
    {
        var eight = new float[8];
        var sixteen = new float[16];
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Dot(sixteen, eight));
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Step(sixteen, eight, sixteen, sixteen, 1f));
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Step(sixteen, sixteen, eight, sixteen, 1f));
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Step(sixteen, sixteen, sixteen, eight, 1f));
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Direction(sixteen, eight, 1f));
    }
}
