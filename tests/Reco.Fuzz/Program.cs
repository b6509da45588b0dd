using Reco.Fuzz;
using Reco.Tests.Data.Sources.Text;
using SharpFuzz;

// reco-fuzz                  run under afl-fuzz (reads inputs from it)
// reco-fuzz --replay FILE…   run saved inputs (findings, the seed corpus) and report each
// reco-fuzz --random SECONDS randomized differential run without afl-fuzz: generated files, mutated
switch (args.FirstOrDefault())
{
    case "--replay":
        int failures = 0;
        foreach (string path in args.Skip(1).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]))
        {
            try
            {
                FuzzTarget.Run(File.ReadAllBytes(path));
                Console.WriteLine($"ok    {path}");
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"FAIL  {path}: {e}");
            }
        }

        return failures == 0 ? 0 : 1;
    case "--random":
        return RandomRun.Run(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)), args.Length > 2 ? args[2] : "random-findings");
    default:
        FuzzTarget.Parallel = false;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            FuzzTarget.Run(memory.ToArray());
        });
        return 0;
}
