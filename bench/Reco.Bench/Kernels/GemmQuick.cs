using System.Diagnostics;
using Reco.Numerics;

namespace Reco.Bench.Kernels;

/// <summary>Seconds-long GEMM throughput table: median of 7 timed runs per shape and path, in GFLOP/s.</summary>
internal static class GemmQuick
{
    private const int Runs = 7;

    public static void Run()
    {
        var paths = Enum.GetValues<GemmPath>().Where(Gemm.IsSupported).ToArray();
        Console.WriteLine($"GEMM GFLOP/s, single-threaded unless noted (median of {Runs}); best path: {Gemm.BestPath}");
        Console.Write($"{"shape",-14} {"m×n×k",-16}");
        foreach (var path in paths)
        {
            Console.Write($"{path,10}");
        }

        Console.WriteLine($"{"parallel",10}");
        foreach (string name in GemmShape.Names)
        {
            var s = GemmShape.Create(name);
            Console.Write($"{name,-14} {$"{s.M}×{s.N}×{s.K}",-16}");
            foreach (var path in paths)
            {
                Console.Write($"{Measure(s, () => Gemm.Multiply(path, s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate)),10:F1}");
            }

            Console.WriteLine($"{Measure(s, () => Gemm.MultiplyParallel(s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate)),10:F1}");
        }
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
