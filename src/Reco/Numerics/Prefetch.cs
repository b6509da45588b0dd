using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Reco.Numerics;

/// <summary>
/// Software prefetches for rows scattered over tables larger than the caches (embedding gathers, optimizer
/// rows, factor rows): asking for a later row while this one is worked on overlaps its memory latency. A
/// prefetch never faults and changes no result; where the CPU has none (not x86) these do nothing.
/// </summary>
internal static unsafe class Prefetch
{
    /// <summary>Asks for the cache line holding <paramref name="address"/> into every cache level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Line(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    /// <summary>Asks for every cache line of the <paramref name="length"/> floats from <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row(float* row, int length)
    {
        if (!Sse.IsSupported || length <= 0)
        {
            return;
        }

        for (int k = 0; k < length; k += 16)
        {
            Sse.Prefetch0(row + k);
        }

        // A row need not start on a cache line, so its last element may lie on one more.
        Sse.Prefetch0(row + length - 1);
    }
}
