using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Reco.Data;
using Reco.Data.Synthetic;

namespace Reco.Models.Factorization;

/// <summary>
/// Draws and takes BPR's SGD triples for a share of an epoch. Each triple reads a random training row,
/// the user's factor row, two item rows and the user's item list, all from places memory cannot guess,
/// so the triples go through a three-stage pipeline: a triple's row is drawn and its (user, item) pair
/// prefetched <see cref="Distance"/> triples before its factor rows and item list are prefetched, which is
/// <see cref="Distance"/> triples before its step. Several threads may run shares at once on the same
/// factors (Hogwild: no locks, an item row two threads update at the same time keeps one of the writes).
/// </summary>
internal sealed unsafe class BprEpoch(float[] p, float[] q, float[] b, int factors, Interactions train, UserItemMatrix byUser, float lr, float reg)
{
    /// <summary>Triples between the stages: enough to cover a memory access without evicting what was fetched.</summary>
    private const int Distance = 8;

    /// <summary>Slots of the ring of triples in flight (a power of two above 2·<see cref="Distance"/>).</summary>
    private const int Ring = 32;

    /// <summary>Triples between two calls of the progress callback.</summary>
    public const int TickLength = 4096;

    private struct Slot
    {
        public int Row;
        public int User;
        public int Item;
        public int Negative;
    }

    /// <summary>
    /// Takes <paramref name="count"/> triples drawn from <paramref name="random"/>; returns the summed loss
    /// and the triples taken (a user who has every item gives none).
    /// </summary>
    /// <param name="random">This share's generator, advanced.</param>
    /// <param name="count">Triples to draw.</param>
    /// <param name="tick">Told the triples drawn since its last call, every <see cref="TickLength"/> and at the end.</param>
    public (double Loss, int Samples) Run(ref RandomStream random, int count, Action<int> tick)
    {
        int f = factors;
        int itemCount = train.ItemCount;
        var users = train.UserIndices;
        var items = train.ItemIndices;
        int rows = users.Length;
        Span<Slot> ring = stackalloc Slot[Ring];
        double loss = 0;
        int samples = 0;
        fixed (float* pp = p, pq = q, pb = b)
        fixed (int* pu = users, pi = items)
        {
            for (int s = 0; s < count + (2 * Distance); s++)
            {
                if (s < count)
                {
                    ref var drawn = ref ring[s & (Ring - 1)];
                    drawn.Row = random.NextInt(rows);
                    drawn.Negative = random.NextInt(itemCount);
                    Prefetch(pu + drawn.Row);
                    Prefetch(pi + drawn.Row);
                }

                int ahead = s - Distance;
                if (ahead >= 0 && ahead < count)
                {
                    ref var next = ref ring[ahead & (Ring - 1)];
                    next.User = pu[next.Row];
                    next.Item = pi[next.Row];
                    PrefetchRow(pp + ((nint)next.User * f), f);
                    PrefetchRow(pq + ((nint)next.Item * f), f);
                    PrefetchRow(pq + ((nint)next.Negative * f), f);
                    Prefetch(pb + next.Item);
                    Prefetch(pb + next.Negative);
                    var list = byUser.ItemsOf(next.User);
                    if (list.Length > 0)
                    {
                        // The binary search's first probe.
                        Prefetch(Unsafe.AsPointer(ref Unsafe.AsRef(in list[list.Length >> 1])));
                    }
                }

                int now = s - (2 * Distance);
                if (now < 0)
                {
                    continue;
                }

                ref var t = ref ring[now & (Ring - 1)];
                var seen = byUser.ItemsOf(t.User);
                if (seen.Length < itemCount)
                {
                    int j = t.Negative;
                    while (seen.BinarySearch(j) >= 0)
                    {
                        j = random.NextInt(itemCount);
                    }

                    loss += BprKernel.Step(p.AsSpan(t.User * f, f), q.AsSpan(t.Item * f, f), q.AsSpan(j * f, f), ref b[t.Item], ref b[j], lr, reg, updateItems: true);
                    samples++;
                }

                if ((now + 1) % TickLength == 0)
                {
                    tick(TickLength);
                }
            }
        }

        tick(count % TickLength);
        return (loss, samples);
    }

    private static void PrefetchRow(float* row, int f)
    {
        for (int k = 0; k < f; k += 16)
        {
            Prefetch(row + k);
        }

        // A row need not start on a cache line, so its last element may lie on one more.
        Prefetch(row + f - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }
}
