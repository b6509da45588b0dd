using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Reco.Bench.Common;

/// <summary>
/// CPU seconds spent by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared machine a
/// single-threaded kernel's wall time counts the moments it was descheduled; its thread time does not, so
/// kernel rates and the FMA peak they are compared with are both taken on this clock (wall time elsewhere).
/// </summary>
internal static partial class ThreadClock
{
    private const int ThreadCpuTime = 3;

    /// <summary>Whether the thread clock is available (Linux); otherwise <see cref="Seconds"/> is wall time.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTime, out _) == 0;

    /// <summary>The calling thread's CPU seconds, or wall seconds where the thread clock is not available.</summary>
    public static double Seconds()
    {
        if (Available && ClockGetTime(ThreadCpuTime, out var time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
