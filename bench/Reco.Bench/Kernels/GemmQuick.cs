using System.Diagnostics;
using System.Runtime.Intrinsics;
using Reco.Bench.Common;
using Reco.Numerics;

namespace Reco.Bench.Kernels;

/// <summary>
/// Seconds-long GEMM throughput table: median of 7 timed runs per shape and path, in GFLOP/s, with each
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

        Console.WriteLine($"GEMM GFLOP/s, single-threaded unless noted (median of {Runs}); best path: {Gemm.BestPath}; driver: {driver}");
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
            foreach (var path in paths)
            {
                double rate = Measure(s, () => Gemm.Multiply(path, driver, s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate));
                int width = path == GemmPath.Avx512 ? 512 : path == GemmPath.Avx2 ? 256 : System.Numerics.Vector<float>.Count * 32;
                string share = s.Large && peaks.TryGetValue(width, out double peak) ? $" ({100 * rate / peak:F0}%)" : string.Empty;
                Console.Write($"{$"{rate:F1}{share}",16}");
            }

            Console.WriteLine($"{Measure(s, () => Gemm.MultiplyParallel(s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate)),10:F1}");
        }

        Console.WriteLine($"load after: {Machine.Load()}");
    }

    private static double Measure(GemmShape shape, Action action)
    {
        // Repeat each timed sample until it lasts a few milliseconds, so timer resolution does not matter.
        var watch = Stopwatch.StartNew();
        int reps = 0;
        while (watch.ElapsedMilliseconds < 20 || reps < 3)
        {
            action();
            reps++;
        }

        int perSample = Math.Max(1, reps / 4);
        var samples = new double[Runs];
        for (int r = 0; r < Runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < perSample; i++)
            {
                action();
            }

            samples[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / perSample;
        }

        Array.Sort(samples);
        return shape.Flops / samples[Runs / 2] / 1e9;
    }
}
