using System.Diagnostics;
using System.Runtime.Intrinsics;
using Reco.Bench.Common;
using Reco.Numerics;

namespace Reco.Bench.Kernels;

/// <summary>
/// Seconds-long GEMM throughput table: median of 7 timed runs per shape and path (the paths in turns), in GFLOP/s, with each
/// path's share of the core's measured FMA peak at its vector width on the large shapes.
/// </summary>
internal static class GemmQuick
{
    private const int Runs = 7;

    public static void Run(string? shapes, string? driverName)
    {
        var driver = driverName is null ? GemmDriverChoice.Auto : Enum.Parse<GemmDriverChoice>(driverName, ignoreCase: true);
        var paths = Enum.GetValues<GemmPath>().Where(Gemm.IsSupported).ToArray();
        Console.WriteLine(Machine.Describe());
        var peaks = new Dictionary<int, double>();
        foreach (int width in new[] { 512, 256, 128 })
        {
            if (width == 512 ? Vector512.IsHardwareAccelerated : width == 256 ? Vector256.IsHardwareAccelerated : Vector128.IsHardwareAccelerated)
            {
                peaks[width] = FmaPeak.Measure(width);
                Console.WriteLine($"FMA peak, one thread, {width}-bit: {peaks[width]:F1} GFLOP/s");
            }
        }

        Console.WriteLine($"GEMM GFLOP/s, single-threaded on the thread's CPU clock{(ThreadClock.Available ? string.Empty : " (not available: wall clock)")}, the parallel column on the wall clock (median of {Runs}); best path: {Gemm.BestPath}; driver: {driver}");
        Console.Write($"{"shape",-14} {"m×n×k",-16}");
        foreach (var path in paths)
        {
            Console.Write($"{path,16}");
        }

        Console.WriteLine($"{"parallel",10}");
        foreach (string name in shapes?.Split(',') ?? GemmShape.Names)
        {
            var s = GemmShape.Create(name);
            Console.Write($"{name,-14} {$"{s.M}×{s.N}×{s.K}",-16}");
            var actions = paths.Select(path => (Action)(() => Gemm.Multiply(path, driver, s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate))).ToArray();
            double[] rates = MeasureInterleaved(s, actions);
            for (int p = 0; p < paths.Length; p++)
            {
                var path = paths[p];
                int width = path == GemmPath.Avx512 ? 512 : path == GemmPath.Avx2 ? 256 : System.Numerics.Vector<float>.Count * 32;
                string share = s.Large && peaks.TryGetValue(width, out double peak) ? $" ({100 * rates[p] / peak:F0}%)" : string.Empty;
                Console.Write($"{$"{rates[p]:F1}{share}",16}");
            }

            Console.WriteLine($"{Measure(s, WallSeconds, () => Gemm.MultiplyParallel(s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate)),10:F1}");
        }

        Console.WriteLine($"load after: {Machine.Load()}");
    }

    /// <summary>
    /// Single-threaded rates of several paths on one shape, timed in turns (one sample of each path per
    /// round) on the thread's CPU clock, so that a change in the machine's load between paths does not
    /// favour whichever ran in the quieter moment.
    /// </summary>
    private static double[] MeasureInterleaved(GemmShape shape, Action[] actions)
    {
        var perSample = new int[actions.Length];
        for (int p = 0; p < actions.Length; p++)
        {
            double warm = ThreadClock.Seconds();
            int reps = 0;
            while (ThreadClock.Seconds() - warm < 0.02 || reps < 3)
            {
                actions[p]();
                reps++;
            }

            perSample[p] = Math.Max(1, reps / 4);
        }

        var samples = new double[actions.Length, Runs];
        for (int r = 0; r < Runs; r++)
        {
            for (int p = 0; p < actions.Length; p++)
            {
                double start = ThreadClock.Seconds();
                for (int i = 0; i < perSample[p]; i++)
                {
                    actions[p]();
                }

                samples[p, r] = (ThreadClock.Seconds() - start) / perSample[p];
            }
        }

        var rates = new double[actions.Length];
        for (int p = 0; p < actions.Length; p++)
        {
            var sorted = Enumerable.Range(0, Runs).Select(r => samples[p, r]).Order().ToArray();
            rates[p] = shape.Flops / sorted[Runs / 2] / 1e9;
        }

        return rates;
    }

    private static double WallSeconds() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static double Measure(GemmShape shape, Func<double> clock, Action action)
    {
        // Repeat each timed sample until it lasts a few milliseconds, so timer resolution does not matter.
        double warm = clock();
        int reps = 0;
        while (clock() - warm < 0.02 || reps < 3)
        {
            action();
            reps++;
        }

        int perSample = Math.Max(1, reps / 4);
        var samples = new double[Runs];
        for (int r = 0; r < Runs; r++)
        {
            double start = clock();
            for (int i = 0; i < perSample; i++)
            {
                action();
            }

            samples[r] = (clock() - start) / perSample;
        }

        Array.Sort(samples);
        return shape.Flops / samples[Runs / 2] / 1e9;
    }
}
