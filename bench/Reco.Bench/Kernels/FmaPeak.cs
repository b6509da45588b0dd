using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Reco.Bench.Common;

namespace Reco.Bench.Kernels;

/// <summary>
/// The core's fused multiply-add peak at each vector width, measured rather than taken from a data sheet
/// (the clock of a shared virtual CPU is not known): twelve independent accumulator chains in registers,
/// enough to cover the FMA latency on two pipes, and no memory traffic; timed on the thread's CPU clock.
/// </summary>
internal static class FmaPeak
{
    private const int Steps = 20_000_000;

    /// <summary>Single-thread GFLOP/s (2 flops per lane per FMA), best of five.</summary>
    public static double Measure(int width)
    {
        double best = 0;
        for (int run = 0; run < 5; run++)
        {
            double start = ThreadClock.Seconds();
            float sink = width switch
            {
                512 => Chains512(Steps),
                256 => Chains256(Steps),
                _ => Chains128(Steps),
            };
            double seconds = ThreadClock.Seconds() - start;
            GC.KeepAlive(sink);
            best = Math.Max(best, 12.0 * Steps * (width / 32) * 2 / seconds / 1e9);
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(int steps)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < steps; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a);
            c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a);
            c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a);
            c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a);
            c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a);
            c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a);
            c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(int steps)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < steps; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a);
            c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a);
            c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a);
            c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a);
            c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a);
            c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a);
            c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    /// <summary>128-bit lanes; multiply-adds are fused only where the CPU has FMA (else a multiply and an add).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains128(int steps)
    {
        var m = Vector128.Create(0.999999f);
        var a = Vector128.Create(1e-7f);
        Vector128<float> c0 = Vector128.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < steps; i++)
        {
            c0 = Vector128.MultiplyAddEstimate(c0, m, a);
            c1 = Vector128.MultiplyAddEstimate(c1, m, a);
            c2 = Vector128.MultiplyAddEstimate(c2, m, a);
            c3 = Vector128.MultiplyAddEstimate(c3, m, a);
            c4 = Vector128.MultiplyAddEstimate(c4, m, a);
            c5 = Vector128.MultiplyAddEstimate(c5, m, a);
            c6 = Vector128.MultiplyAddEstimate(c6, m, a);
            c7 = Vector128.MultiplyAddEstimate(c7, m, a);
            c8 = Vector128.MultiplyAddEstimate(c8, m, a);
            c9 = Vector128.MultiplyAddEstimate(c9, m, a);
            c10 = Vector128.MultiplyAddEstimate(c10, m, a);
            c11 = Vector128.MultiplyAddEstimate(c11, m, a);
        }

        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
