namespace Reco.Data.Sources.Parquet;

/// <summary>
/// Parquet.Net allocates fresh page buffers for every column it reads; on the large object heap they
/// pile up faster than the collector's budget returns them, doubling a large load's peak memory.
/// A full, non-compacting collection after every 32 MB of reading keeps the peak
/// close to the data itself; it is cheap because the loaded columns are arrays without references.
/// </summary>
internal static class GarbageBudget
{
    private const long Budget = 32L << 20;
    private static long _collectedAt;

    public static void Check()
    {
        long allocated = GC.GetTotalAllocatedBytes();
        long last = Interlocked.Read(ref _collectedAt);
        if (allocated - last > Budget && Interlocked.CompareExchange(ref _collectedAt, allocated, last) == last)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
