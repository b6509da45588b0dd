using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Reco.IO;

/// <summary>
/// Names of the temporary files and folders our writers make next to their targets:
/// <c>PREFIX{pid}-{process start, Unix seconds}-{random}</c>. The owner in the name is what makes a
/// leftover safe to reclaim: a scratch entry is abandoned when its process no longer runs (a killed
/// write), when the pid now belongs to a process started at another time (the pid was reused), or when
/// it is this process's own and no write of ours is using it (a write that failed or was interrupted).
/// No timer is involved, so a slow save of a large model is never mistaken for an abandoned one.
/// </summary>
internal static class ScratchName
{
    /// <summary>How far two readings of one process's start time may differ (the runtime derives it from the boot time).</summary>
    private const long StartToleranceSeconds = 2;

    /// <summary>A leftover whose owner cannot be checked (another user's process) is reclaimed after this long.</summary>
    private static readonly TimeSpan UncheckableAge = TimeSpan.FromHours(24);

    private static readonly long OwnStart = StartSeconds(Process.GetCurrentProcess());

    private static readonly ConcurrentDictionary<string, byte> InUse = new(PathNames.Comparer);

    /// <summary>A fresh scratch name with this process as its owner.</summary>
    public static string Create(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}-{OwnStart}-{Guid.NewGuid():N}");

    /// <summary>Marks <paramref name="fullPath"/> as being used by a write of this process.</summary>
    public static void Claim(string fullPath) => InUse[fullPath] = 0;

    /// <summary>The write using <paramref name="fullPath"/> has ended (its entry is gone, or is left for reclaiming).</summary>
    public static void Release(string fullPath) => InUse.TryRemove(fullPath, out _);

    /// <summary>True when <paramref name="fullPath"/>, whose name starts with <paramref name="prefix"/>, is a leftover of ours that nothing uses.</summary>
    public static bool IsAbandoned(string fullPath, string prefix)
    {
        var name = Path.GetFileName(fullPath);
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = name[prefix.Length..].Split('-');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || parts[2].Length != 32)
        {
            return false; // Not clearly ours: leave it.
        }

        if (pid == Environment.ProcessId && Math.Abs(start - OwnStart) <= StartToleranceSeconds)
        {
            return !InUse.ContainsKey(fullPath);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return Math.Abs(StartSeconds(process) - start) > StartToleranceSeconds;
        }
        catch (ArgumentException)
        {
            return true; // No process with that id: its owner was killed or crashed.
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            var modified = Directory.Exists(fullPath) ? Directory.GetLastWriteTimeUtc(fullPath) : File.GetLastWriteTimeUtc(fullPath);
            return DateTime.UtcNow - modified > UncheckableAge;
        }
    }

    private static long StartSeconds(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
}
