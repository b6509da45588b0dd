namespace Reco.Data.Synthetic;

/// <summary>
/// A small, fast and fully specified generator (xoshiro256** seeded by SplitMix64), so generated data is the
/// same on every runtime version and every machine; one stream per block of users keeps it the same
/// whatever the number of threads.
/// </summary>
internal struct RandomStream
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public RandomStream(long seed, long stream)
    {
        ulong x = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)stream * 0xD1B54A32D192ED03UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n) (Lemire's multiply-shift, bias below 2⁻³² for the sizes used here).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u = 1.0 - NextDouble();
        double v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
