using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reco.Serialization;

namespace Reco.Bench.SaveKill;

/// <summary>
/// The kill test of model saves: each save runs in a child process that is killed with SIGKILL at a
/// random moment while a reader process loads the model in a loop. After every kill the folder must
/// hold the previous or the new complete model (all checksums and contents checked), the reader must
/// never find no model or a corrupt one, and the next save must reclaim the staging space.
/// </summary>
internal static class SaveKillBenchmark
{
    private const int ExitKilled = 137; // 128 + SIGKILL

    public static int Run(int saves, int megabytes, string? folder, int seed, bool keep)
    {
        var work = folder ?? Path.Combine(Path.GetTempPath(), $"reco-save-kill-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var model = Path.Combine(work, "model");
        var stop = Path.Combine(work, "stop-reader");
        Console.WriteLine($"save-kill: {saves} saves of {megabytes} MB models into {model}, seed {seed}");

        ModelDirectory.Write(model, SaveKillModel.Kind, SaveKillModel.Create("initial", megabytes));
        string committed = "initial";
        using var reader = Start("save-kill-reader", model, stop);

        // How long a save takes from its "ready" line to its exit sets the window kills fall in.
        var durations = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var (code, ms) = Save($"calibration-{i}", model, megabytes, killAfterMs: null);
            if (code != 0)
            {
                Console.WriteLine($"calibration save exited with {code}");
                return 1;
            }

            durations.Add(ms);
            committed = $"calibration-{i}";
        }

        durations.Sort();
        double window = durations[1] * 1.25;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"an unkilled save takes {durations[1]:F1} ms (median of 3); kills fall uniformly in [0, {window:F1}] ms after the save starts"));

        var random = new Random(seed);
        int killedBefore = 0, killedAfter = 0, completed = 0, failures = 0, maxVersions = 0;
        long maxScratch = 0, summedScratch = 0;
        for (int i = 1; i <= saves; i++)
        {
            var id = $"save-{i}";
            var (code, _) = Save(id, model, megabytes, killAfterMs: random.NextDouble() * window);
            string? found = null;
            try
            {
                found = SaveKillModel.Load(model, full: true);
            }
            catch (Exception e)
            {
                Console.WriteLine($"  save {i}: FAILURE: no complete model after the kill: {e.Message}");
            }

            if (found != committed && found != id)
            {
                failures++;
                if (found is not null)
                {
                    Console.WriteLine($"  save {i}: FAILURE: found '{found}', expected '{committed}' or '{id}'");
                }
            }
            else if (code != 0 && found == committed)
            {
                killedBefore++;
            }
            else if (code != 0)
            {
                killedAfter++;
            }
            else
            {
                completed++;
            }

            if (code is not 0 and not ExitKilled)
            {
                Console.WriteLine($"  save {i}: the child exited with {code}");
                failures++;
            }

            committed = found ?? committed;
            long scratch = ScratchBytes(model);
            maxScratch = Math.Max(maxScratch, scratch);
            summedScratch += scratch;
            maxVersions = Math.Max(maxVersions, ModelDirectory.ListVersions(model).Count);
        }

        long scratchBefore = ScratchBytes(model);
        var (finalCode, _) = Save("final", model, megabytes, killAfterMs: null);
        long scratchAfter = ScratchBytes(model);
        if (finalCode != 0 || SaveKillModel.Load(model, full: true) != "final" || scratchAfter != 0)
        {
            Console.WriteLine($"FAILURE: the final save exited with {finalCode}, or did not reclaim the staging space");
            failures++;
        }

        File.WriteAllText(stop, string.Empty);
        var summary = JsonDocument.Parse(reader.StandardOutput.ReadToEnd().Trim().Split('\n')[^1]).RootElement;
        reader.WaitForExit();
        int readerLoads = summary.GetProperty("loads").GetInt32();
        int readerFailures = summary.GetProperty("failures").GetInt32();
        foreach (var error in summary.GetProperty("errors").EnumerateArray())
        {
            Console.WriteLine($"  reader: {error.GetString()}");
        }

        failures += readerFailures;
        Console.WriteLine();
        Console.WriteLine("| saves | killed before the switch (old model kept) | killed after the switch (new model) | finished before the kill | reader loads | reader failures | failures | staging bytes after a kill: most / summed over all kills | staging bytes before / after the final save | most versions |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {saves} | {killedBefore} | {killedAfter} | {completed} | {readerLoads} | {readerFailures} | {failures} | {maxScratch:N0} / {summedScratch:N0} | {scratchBefore:N0} / {scratchAfter:N0} | {maxVersions} |");
        if (!keep)
        {
            Directory.Delete(work, recursive: true);
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>The child: one save, announced on standard output just before it starts.</summary>
    public static int Child(string model, string id, int megabytes)
    {
        var files = SaveKillModel.Create(id, megabytes);
        Console.WriteLine("ready");
        Console.Out.Flush();
        ModelDirectory.Write(model, SaveKillModel.Kind, files);
        return 0;
    }

    /// <summary>The reader: loads the model until the stop file appears, then prints a JSON summary.</summary>
    public static int Reader(string model, string stop)
    {
        int loads = 0, failures = 0;
        var errors = new List<string>();
        while (!File.Exists(stop))
        {
            try
            {
                SaveKillModel.Load(model, full: false);
                loads++;
            }
            catch (Exception e)
            {
                failures++;
                if (errors.Count < 5)
                {
                    errors.Add($"{e.GetType().Name}: {e.Message}");
                }
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["loads"] = loads, ["failures"] = failures, ["errors"] = errors }));
        return 0;
    }

    /// <summary>Runs one child save; kills it <paramref name="killAfterMs"/> after its "ready" line. Returns its exit code and its time from "ready" to exit.</summary>
    private static (int Code, double Ms) Save(string id, string model, int megabytes, double? killAfterMs)
    {
        using var child = Start("save-kill-child", model, id, megabytes.ToString(CultureInfo.InvariantCulture));
        if (child.StandardOutput.ReadLine() != "ready")
        {
            child.WaitForExit();
            return (child.ExitCode == 0 ? -1 : child.ExitCode, 0);
        }

        var clock = Stopwatch.StartNew();
        if (killAfterMs is double delay)
        {
            while (clock.Elapsed.TotalMilliseconds < delay && !child.HasExited)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(1, delay - clock.Elapsed.TotalMilliseconds)));
            }

            if (!child.HasExited)
            {
                try
                {
                    child.Kill(); // SIGKILL on Unix
                }
                catch (InvalidOperationException)
                {
                    // It exited just now.
                }
            }
        }

        child.WaitForExit();
        return (child.ExitCode, clock.Elapsed.TotalMilliseconds);
    }

    private static Process Start(params string[] args)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SaveKillBenchmark).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {exe}.");
    }

    /// <summary>Bytes in the model folder's scratch entries (staging folders, retired versions, pointer files).</summary>
    private static long ScratchBytes(string model) => new DirectoryInfo(model).EnumerateFileSystemInfos()
        .Where(e => e.Name.StartsWith(".reco-", StringComparison.Ordinal) && e.Name != ".reco-lock")
        .Sum(e => e is DirectoryInfo d ? d.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : ((FileInfo)e).Length);
}
