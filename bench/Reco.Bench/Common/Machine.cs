using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Reco.Bench.Common;

/// <summary>What every benchmark prints first: the CPU as it reports itself, the instruction sets in use and the load.</summary>
internal static class Machine
{
    /// <summary>One line: model, family/model numbers, logical CPUs, the vector widths the runtime uses.</summary>
    public static string Describe()
    {
        string name = "unknown CPU", family = "?", model = "?";
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                string value = line.Contains(':', StringComparison.Ordinal) ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : string.Empty;
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    name = value;
                }
                else if (line.StartsWith("cpu family", StringComparison.Ordinal))
                {
                    family = value;
                }
                else if (line.StartsWith("model\t", StringComparison.Ordinal) || line.StartsWith("model ", StringComparison.Ordinal))
                {
                    model = value;
                }
                else if (line.Length == 0)
                {
                    break;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name} (family {family}, model {model}), {Environment.ProcessorCount} logical CPUs; ISA in use: {Isa()}; load {Load()}");
    }

    /// <summary>The instruction sets the runtime uses (after any DOTNET_Enable… switches).</summary>
    public static string Isa()
    {
        var parts = new List<string>();
        if (Avx512F.IsSupported)
        {
            parts.Add("AVX-512");
        }

        if (Avx2.IsSupported)
        {
            parts.Add("AVX2");
        }

        if (Fma.IsSupported)
        {
            parts.Add("FMA");
        }

        if (parts.Count == 0 && Vector128.IsHardwareAccelerated)
        {
            parts.Add(Avx.IsSupported ? "AVX (128-bit integer), no FMA" : "SSE4");
        }

        parts.Add($"Vector<T> {System.Numerics.Vector<byte>.Count * 8}-bit");
        return string.Join(", ", parts);
    }

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Peak resident set of this process so far (VmHWM), in bytes; 0 where unknown.</summary>
    public static long PeakResidentBytes()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return 0;
        }

        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
