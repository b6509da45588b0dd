using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Reco.Data;
using Reco.Data.Synthetic;

namespace Reco.Models.Factorization;

/// <summary>
/// Draws and takes BPR's SGD triples for a share of an epoch: a training row (its user and positive item)
/// and a negative item outside the user's items. A triple's reads (the row, the user's factor row, two item
/// rows, whether the user has the negative) are at places memory cannot guess, and each depends on the one
/// before, so the triples go through a four-stage pipeline, <see cref="Distance"/> triples apart: a triple is
/// drawn and its row prefetched; its row is read and its factor rows and the negative's line of the
/// <see cref="PairFilter"/> prefetched; the filter is read (and, for the few negatives it cannot rule out, the
/// user's list bounds prefetched); then the negative is checked and the triple taken. Only a negative the
/// filter cannot rule out is searched for in the user's sorted list, so the decisions, and the random numbers
/// drawn, are those of searching every time.
/// Several threads may run shares at once on the same factors (Hogwild: no locks, an item row two threads
/// update at the same time keeps one of the writes).
/// </summary>
internal sealed unsafe class BprEpoch : IDisposable
{
    /// <summary>Triples between the stages: enough to cover a memory access without evicting what was fetched.</summary>
    private const int Distance = 8;

    /// <summary>Slots of the ring of triples in flight (a power of two above 3·<see cref="Distance"/>).</summary>
    private const int Ring = 32;

    private readonly float[] _p;
    private readonly float[] _q;
    private readonly float[] _b;
    private readonly int _factors;
    private readonly Interactions _train;
    private readonly UserItemMatrix _byUser;
    private readonly float _lr;
    private readonly float _reg;

    /// <summary>Floats from one factor row to the next in the training copies: whole 64-byte lines.</summary>
    private readonly int _stride;

    /// <summary>Training copies of the user and item factors, each row on its own cache lines (a 64-factor row reads 4 lines, not 5).</summary>
    private float* _pa;
    private float* _qa;

    /// <summary>The share of a user's items expected below each item (by popularity), to guess where a negative would sit in the user's list.</summary>
    private readonly float[] _below;

    /// <summary>Rules out, in one prefetched cache line, almost every negative the user has not interacted with.</summary>
    private readonly PairFilter _filter;

    /// <summary>Triples between two calls of the progress callback.</summary>
    public const int TickLength = 4096;

    /// <param name="p">User factors, updated.</param>
    /// <param name="q">Item factors, updated.</param>
    /// <param name="b">Item biases, updated.</param>
    /// <param name="factors">Factor length.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="byUser">The training items of each user.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="reg">L2 penalty.</param>
    public BprEpoch(float[] p, float[] q, float[] b, int factors, Interactions train, UserItemMatrix byUser, float lr, float reg)
    {
        (_p, _q, _b, _factors, _train, _byUser, _lr, _reg) = (p, q, b, factors, train, byUser, lr, reg);
        _stride = (factors + 15) & ~15;
        _pa = AlignedCopy(p, factors, _stride);
        _qa = AlignedCopy(q, factors, _stride);
        var counts = new int[byUser.ItemCount];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            foreach (int i in byUser.ItemsOf(u))
            {
                counts[i]++;
            }
        }

        _below = GuessedSearch.SharesBelow(counts);
        _filter = new PairFilter(byUser);
    }

    private struct Slot
    {
        public int Row;
        public int User;
        public int Item;
        public int Negative;
        public ulong PairHash;
        public bool MaybeSeen;
    }

    /// <summary>
    /// Takes <paramref name="count"/> triples drawn from <paramref name="random"/>; returns the summed loss
    /// and the triples taken (a user who has every item gives none).
    /// </summary>
    /// <param name="random">This share's generator, advanced.</param>
    /// <param name="count">Triples to draw.</param>
    /// <param name="tick">Told the triples drawn since its last call, every <see cref="TickLength"/> and at the end.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double Loss, int Samples) Run(ref RandomStream random, int count, Action<int> tick)
    {
        int f = _factors;
        int itemCount = _train.ItemCount;
        var users = _train.UserIndices;
        var items = _train.ItemIndices;
        int rows = users.Length;
        float[] b = _b;
        Span<Slot> ring = stackalloc Slot[Ring];
        double loss = 0;
        int samples = 0;
        float* pp = _pa, pq = _qa;
        int stride = _stride;
        fixed (float* pb = b)
        fixed (int* pu = users, pi = items)
        fixed (int* prs = _byUser.RowStarts, pli = _byUser.ItemLists)
        {
            for (int s = 0; s < count + (3 * Distance); s++)
            {
                // Drawn: a training row and a negative; the row's user and item prefetched.
                if (s < count)
                {
                    ref var drawn = ref ring[s & (Ring - 1)];
                    drawn.Row = random.NextInt(rows);
                    drawn.Negative = random.NextInt(itemCount);
                    Numerics.Prefetch.Line(pu + drawn.Row);
                    Numerics.Prefetch.Line(pi + drawn.Row);
                }

                // Read: the row's pair; the factor rows, the biases and the negative's filter line prefetched.
                int ahead = s - Distance;
                if (ahead >= 0 && ahead < count)
                {
                    ref var next = ref ring[ahead & (Ring - 1)];
                    next.User = pu[next.Row];
                    next.Item = pi[next.Row];
                    Numerics.Prefetch.Row(pp + ((nint)next.User * stride), f);
                    Numerics.Prefetch.Row(pq + ((nint)next.Item * stride), f);
                    Numerics.Prefetch.Row(pq + ((nint)next.Negative * stride), f);
                    Numerics.Prefetch.Line(pb + next.Item);
                    Numerics.Prefetch.Line(pb + next.Negative);
                    next.PairHash = PairFilter.Hash(next.User, next.Negative);
                    Numerics.Prefetch.Line(_filter.Block(next.PairHash));
                }

                // Filtered: a negative the filter cannot rule out will be searched for; its user's list bounds prefetched.
                int filtered = s - (2 * Distance);
                if (filtered >= 0 && filtered < count)
                {
                    ref var next = ref ring[filtered & (Ring - 1)];
                    next.MaybeSeen = _filter.MayContain(next.PairHash);
                    if (next.MaybeSeen)
                    {
                        Numerics.Prefetch.Line(prs + next.User);
                    }
                }

                // Taken: the negative checked (and redrawn while the user has it), then the step. A negative the
                // filter rules out is not the user's, so that user does not have every item either.
                int now = s - (3 * Distance);
                if (now < 0)
                {
                    continue;
                }

                ref var t = ref ring[now & (Ring - 1)];
                int j = t.Negative;
                bool take = true;
                if (t.MaybeSeen)
                {
                    int start = prs[t.User];
                    int length = prs[t.User + 1] - start;
                    var seen = new ReadOnlySpan<int>(pli + start, length);
                    take = length < itemCount;
                    if (take)
                    {
                        int guess = Guess(length, j);
                        while (GuessedSearch.Contains(seen, j, guess))
                        {
                            j = random.NextInt(itemCount);
                            if (!_filter.MayContain(t.User, j))
                            {
                                break;
                            }

                            guess = Guess(length, j);
                        }
                    }
                }

                if (take)
                {
                    loss += BprKernel.Step(new Span<float>(pp + ((nint)t.User * stride), f), new Span<float>(pq + ((nint)t.Item * stride), f), new Span<float>(pq + ((nint)j * stride), f), ref b[t.Item], ref b[j], _lr, _reg, updateItems: true);
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

    /// <summary>Copies the training factors back into the model's arrays.</summary>
    public void CopyOut()
    {
        CopyBack(_pa, _p, _factors, _stride);
        CopyBack(_qa, _q, _factors, _stride);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        NativeMemory.AlignedFree(_pa);
        NativeMemory.AlignedFree(_qa);
        _pa = null;
        _qa = null;
        _filter.Dispose();
    }

    private static float* AlignedCopy(float[] source, int f, int stride)
    {
        int rows = source.Length / f;
        var copy = (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(rows, 1) * (nuint)stride * sizeof(float), 64);
        for (int r = 0; r < rows; r++)
        {
            source.AsSpan(r * f, f).CopyTo(new Span<float>(copy + ((nint)r * stride), stride));
        }

        return copy;
    }

    private static void CopyBack(float* copy, float[] target, int f, int stride)
    {
        for (int r = 0; r < target.Length / f; r++)
        {
            new ReadOnlySpan<float>(copy + ((nint)r * stride), f).CopyTo(target.AsSpan(r * f, f));
        }
    }

    private int Guess(int length, int item) => Math.Min((int)(length * _below[item]), Math.Max(length - 1, 0));
}
