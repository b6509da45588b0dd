using Reco.Bench.Common;
using Reco.Numerics;

namespace Reco.Bench.Kernels;

/// <summary>
/// Seconds-long table of the softmax, top-k and counting kernels: elements per nanosecond at catalogue
/// widths, single-threaded on the thread's CPU clock, median of 7. These kernels pick the widest vector
/// the process may use, so each instruction-set path is measured by running the command again with the
/// higher ones switched off (<c>DOTNET_EnableAVX512=0</c>, then also <c>DOTNET_EnableAVX2=0</c>).
/// </summary>
internal static class VectorQuick
{
    private const int Runs = 7;

    public static void Run()
    {
        Console.WriteLine(Machine.Describe());
        int[] sizes = [1_682, 8_192, 59_047];
        Console.WriteLine("Elements per ns, single-threaded on the thread's CPU clock (median of 7)");
        Console.WriteLine($"{"kernel",-28}{string.Concat(sizes.Select(n => $"{$"n = {n:N0}",14}"))}");
        var rng = new Random(42);
        var data = sizes.Select(n => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 8) - 4)).ToArray()).ToArray();
        var weights = sizes.Select(n => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        var scratch = sizes.Select(n => new float[n]).ToArray();
        var top = new int[10];
        float sink = 0;
        Row("max", sizes, i => sink += Softmax.Max(data[i]));
        Row("copy + exp(x − max), sum", sizes, i =>
        {
            data[i].CopyTo(scratch[i]);
            sink += Softmax.ExpShiftedInPlace(scratch[i], 4f);
        });
        Row("copy + weighted exp, sum", sizes, i =>
        {
            data[i].CopyTo(scratch[i]);
            sink += Softmax.ExpShiftedInPlace(scratch[i], 4f, weights[i]);
        });
        Row("count greater than", sizes, i => sink += Counting.CountGreaterThan(data[i], 3.9f));
        Row("top 10", sizes, i => sink += TopK.Select(data[i], top));
        Console.WriteLine($"load after: {Machine.Load()}{(sink == 12345f ? " " : string.Empty)}");
    }

    private static void Row(string name, int[] sizes, Action<int> action)
    {
        Console.Write($"{name,-28}");

        // Past tiering first (the call-counting delay restarts while other methods are still being jitted):
        // every size for a second before anything is timed.
        double warm = ThreadClock.Seconds();
        while (ThreadClock.Seconds() - warm < 1.0)
        {
            for (int i = 0; i < sizes.Length; i++)
            {
                action(i);
            }
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            // Enough calls per sample for about a millisecond of work.
            int calls = Math.Max(1, 2_000_000 / sizes[i]);
            var samples = new double[Runs];
            for (int r = -1; r < Runs; r++)
            {
                double start = ThreadClock.Seconds();
                for (int c = 0; c < calls; c++)
                {
                    action(i);
                }

                if (r >= 0)
                {
                    samples[r] = ThreadClock.Seconds() - start;
                }
            }

            Array.Sort(samples);
            Console.Write($"{(double)sizes[i] * calls / samples[Runs / 2] / 1e9,14:F2}");
        }

        Console.WriteLine();
    }
}
