using Reco.IO;
using Reco.Serialization;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

/// <summary>
/// A save stopped at any point, as by a kill (the in-process stand-in: a hook throws past the save's
/// clean-up after each step), leaves the old or the new complete model, and the next save reclaims
/// what it left. <c>bench/scripts/save-kill.sh</c> does the same with real SIGKILLs.
/// </summary>
public class SaveCrashTests
{
    public static TheoryData<string> Scenarios => ["versioned", "new", "empty", "flat"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void AKillBetweenAnyTwoStepsLeavesTheOldOrTheNewModel(string scenario)
    {
        var steps = new List<SaveStep>();
        var dry = Prepare(scenario);
        ModelDirectory.Write(dry.Dir, Kind, Model("new"), new ModelSaveOptions { OnStep = (s, _) => steps.Add(s) });
        Assert.Contains(SaveStep.PointerReplaced, steps);
        if (scenario == "versioned")
        {
            Assert.Contains(SaveStep.VersionRetired, steps);
        }

        for (int kill = 0; kill < steps.Count; kill++)
        {
            var (dir, old) = Prepare(scenario);
            int seen = 0;
            int at = kill;
            Assert.Throws<SimulatedCrashException>(() => ModelDirectory.Write(dir, Kind, Model("new"), new ModelSaveOptions
            {
                OnStep = (s, _) =>
                {
                    if (seen++ == at)
                    {
                        throw new SimulatedCrashException(s.ToString());
                    }
                },
            }));

            var committed = steps.IndexOf(SaveStep.PointerReplaced) <= kill;
            var renamed = steps.IndexOf(SaveStep.VersionRenamed) <= kill;
            string expected = committed || (old is null && renamed) ? "new" : old ?? "none";
            Assert.True(expected == Current(dir), $"{scenario}, killed after {steps[kill]} (step {kill}): expected {expected}, found {Current(dir)}");

            // The next save reclaims everything the killed one left and keeps the newest two versions.
            ModelDirectory.Write(dir, Kind, Model("next"));
            Assert.Equal("next", ReadId(dir));
            Assert.Empty(ScratchEntries(dir));
            Assert.InRange(ModelDirectory.ListVersions(dir).Count, 1, 2);
            Assert.DoesNotContain(ModelDirectory.ManifestName, Entries(dir));
        }
    }

    [Fact]
    public void StagingLeftByKilledProcessesIsReclaimedAndOnlyThat()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        var dead = Directory.CreateDirectory(Path.Combine(dir, DeadOwnerName(".reco-staging-"))).FullName;
        File.WriteAllBytes(Path.Combine(dead, "weights.bin"), new byte[4096]);
        Directory.CreateDirectory(Path.Combine(dir, DeadOwnerName(".reco-trash-")));
        File.WriteAllText(Path.Combine(dir, DeadOwnerName(".reco-pointer-")), "7\n");

        // A live process (pid 1) that started when its name says: its save may still be running.
        var init = System.Diagnostics.Process.GetProcessById(1);
        long start = new DateTimeOffset(init.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        var live = Directory.CreateDirectory(Path.Combine(dir, $".reco-staging-1-{start}-{Guid.NewGuid():N}")).Name;

        // The same pid with another start time was reused: its save is gone.
        Directory.CreateDirectory(Path.Combine(dir, $".reco-staging-1-{start - 1000}-{Guid.NewGuid():N}"));

        // Not clearly ours: kept.
        Directory.CreateDirectory(Path.Combine(dir, ".reco-staging-by-hand"));

        ModelDirectory.Write(dir, Kind, Model("m2"));

        Assert.Equal([live, ".reco-staging-by-hand"], ScratchEntries(dir).Order(StringComparer.Ordinal));
        Assert.Equal("m2", ReadId(dir));
    }

    [Fact]
    public void AReaderRetriesOnceWhenAConcurrentSavePrunedItsVersion()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        ModelDirectory.Write(dir, Kind, Model("m2"));
        int calls = 0;
        var files = ModelReader.Read(dir, Kind, folder =>
        {
            if (calls++ == 0)
            {
                Assert.EndsWith("2", folder);
                ModelDirectory.Write(dir, Kind, Model("m3"), new ModelSaveOptions { KeepVersions = 1 });
                Assert.False(Directory.Exists(folder));
            }
        });
        Assert.Equal("m3", System.Text.Encoding.UTF8.GetString(files["id.txt"]));
        Assert.Equal(2, calls);

        // Only once: a reader overtaken twice reports it.
        calls = 0;
        Assert.Throws<CorruptModelException>(() => ModelReader.Read(dir, Kind, _ =>
        {
            calls++;
            ModelDirectory.Write(dir, Kind, Model($"again{calls}"), new ModelSaveOptions { KeepVersions = 1 });
        }));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void AReaderOfAFlatModelBeingConvertedReadsTheNewModel()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        int calls = 0;
        var files = ModelReader.Read(dir, Kind, folder =>
        {
            if (calls++ == 0)
            {
                Assert.Equal(dir, folder);
                ModelDirectory.Write(dir, Kind, Model("new"));
            }
        });
        Assert.Equal("new", System.Text.Encoding.UTF8.GetString(files["id.txt"]));
    }

    [Fact]
    public async Task ConcurrentSavesAndAReaderAlwaysSeeOneCompleteModel()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("start", 4096));
        var saved = new System.Collections.Concurrent.ConcurrentDictionary<string, byte> { ["start"] = 0 };
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int loads = 0;
        using var stop = new CancellationTokenSource();

        // Four versions kept: a reader descheduled for two whole saves on a busy machine still finds its version.
        var options = new ModelSaveOptions { KeepVersions = 4 };
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var id = ReadId(dir);
                    if (!saved.ContainsKey(id))
                    {
                        failures.Enqueue($"read '{id}', which was never saved");
                    }

                    Interlocked.Increment(ref loads);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.Message);
                }
            }
        });
        var writers = new[] { "a", "b" }.Select(w => Task.Run(() =>
        {
            for (int i = 0; i < 12; i++)
            {
                var id = $"{w}{i}";
                saved[id] = 0;
                ModelDirectory.Write(dir, Kind, Model(id, 4096), options);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        SpinWait.SpinUntil(() => Volatile.Read(ref loads) > 0, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await reader;

        Assert.Empty(failures);
        Assert.True(loads > 0);
        Assert.Equal(25, ModelDirectory.CurrentVersion(dir));
        Assert.Equal([22, 23, 24, 25], ModelDirectory.ListVersions(dir));
        Assert.Empty(ScratchEntries(dir));
    }

    private static (string Dir, string? Old) Prepare(string scenario)
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        switch (scenario)
        {
            case "versioned":
                ModelDirectory.Write(dir, Kind, Model("old1"));
                ModelDirectory.Write(dir, Kind, Model("old"));
                return (dir, "old");
            case "empty":
                Directory.CreateDirectory(dir);
                return (dir, null);
            case "flat":
                WriteFlat(dir, "old");
                return (dir, "old");
            default:
                return (dir, null);
        }
    }

    private static string Current(string dir)
    {
        try
        {
            return ReadId(dir);
        }
        catch (ModelNotFoundException)
        {
            return "none";
        }
    }
}
