using System.Diagnostics;

namespace Reco.Tests.Scripts;

/// <summary>scripts/isa-level.sh, which picks the instruction sets scripts/install-tool.sh precompiles for, on made-up cpuinfo files.</summary>
public class IsaLevelScriptTests
{
    private const string V3 = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma bmi1 bmi2 abm movbe avx2 popcnt";

    private static string Level(string? cpuinfoText)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reco.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        string script = Path.Combine(dir.FullName, "scripts", "isa-level.sh");
        string cpuinfo = Path.Combine(Path.GetTempPath(), $"cpuinfo-{Guid.NewGuid():N}");
        if (cpuinfoText is not null)
        {
            File.WriteAllText(cpuinfo, cpuinfoText);
        }

        try
        {
            var start = new ProcessStartInfo("bash", [script, cpuinfo]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var bash = Process.Start(start)!;
            string output = bash.StandardOutput.ReadToEnd();
            string errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, errors);
            Assert.Equal(string.Empty, errors);
            return output.Trim();
        }
        finally
        {
            File.Delete(cpuinfo);
        }
    }

    [Fact]
    public void AvxTwoWithItsCompanionsIsVersionThree() =>
        Assert.Equal("x86-64-v3", Level($"processor\t: 0\nflags\t\t: {V3}\n"));

    [Fact]
    public void AvxFiveTwelveOnTopIsVersionFour() =>
        Assert.Equal("x86-64-v4", Level($"processor\t: 0\nflags\t\t: {V3} avx512f avx512dq avx512cd avx512bw avx512vl\n"));

    [Fact]
    public void AvxFiveTwelveWithoutAllOfItsPartsStaysAtVersionThree() =>
        Assert.Equal("x86-64-v3", Level($"flags\t\t: {V3} avx512f avx512cd\n"));

    [Fact]
    public void AvxTwoWithoutFmaIsNoLevel() =>
        Assert.Equal(string.Empty, Level("flags\t\t: sse sse2 avx avx2 bmi1 bmi2 abm movbe f16c\n"));

    [Fact]
    public void AFlagThatOnlyStartsLikeANeededOneDoesNotCount() =>
        Assert.Equal(string.Empty, Level("flags\t\t: avx2x fmax bmi1 bmi2 abm movbe f16c\n"));

    [Fact]
    public void AnArmHostsCpuinfoWithoutFlagsIsNoLevel() =>
        Assert.Equal(string.Empty, Level("processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32\n"));

    [Fact]
    public void AMissingCpuinfoIsNoLevel() => Assert.Equal(string.Empty, Level(null));
}
