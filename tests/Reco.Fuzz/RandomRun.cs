using System.Diagnostics;
using Reco.Tests.Data.Sources.Text;

namespace Reco.Fuzz;

/// <summary>
/// A randomized differential run without afl-fuzz: generated files (as the property tests make them),
/// each also mutated at random (bytes flipped, inserted, deleted, quotes and line breaks sprinkled),
/// through the same target. A failing input is saved for <c>--replay</c> and the run stops.
/// </summary>
internal static class RandomRun
{
    private static readonly byte[] Interesting = "\"\n\r,;\t: |~^\0\u0001é"u8.ToArray();

    public static int Run(TimeSpan duration, string findings)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Environment.TickCount);
        long executions = 0;
        while (clock.Elapsed < duration)
        {
            var file = TextFileGenerator.Generate(random);
            byte[] input = [(byte)random.Next(256), (byte)random.Next(256), .. random.Next(3) == 0 ? Mutate(file.Bytes, random) : file.Bytes];
            try
            {
                FuzzTarget.Run(input);
            }
            catch (Exception e)
            {
                Directory.CreateDirectory(findings);
                string path = Path.Combine(findings, $"failure-{executions}.bin");
                File.WriteAllBytes(path, input);
                Console.WriteLine($"Failure after {executions:N0} executions, saved to {path}: {e}");
                return 1;
            }

            executions++;
            if (executions % 10_000 == 0)
            {
                Console.WriteLine($"{executions:N0} executions in {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        Console.WriteLine($"{executions:N0} executions in {clock.Elapsed.TotalSeconds:F0} s, no failure.");
        return 0;
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int at = list.Count == 0 ? 0 : random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0 when list.Count > 0:
                    list.RemoveAt(at);
                    break;
                case 1 when list.Count > 0:
                    list[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                default:
                    list.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
            }
        }

        return [.. list];
    }
}
