using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reco.Numerics;

/// <summary>
/// The blocked driver for large products (Goto and van de Geijn's layering): a kc × nc block of B is
/// copied once into micro-panels of <see cref="IGemmKernel.Columns"/> contiguous columns and shared by
/// every thread; each thread copies its mc × kc block of A into micro-panels of
/// <see cref="IGemmKernel.Rows"/> interleaved rows, so the micro-kernel reads both operands as unit-stride
/// streams whatever the strides of A and B, instead of strided rows that collide in a few cache sets.
/// Edge tiles are shifted back as in <see cref="GemmDriver"/>. Every element of C is summed in the same
/// order as the unpacked driver (per k block of <see cref="GemmDriver.KBlock"/>), so both
/// give bit-identical results.
/// </summary>
[SkipLocalsInit]
internal static unsafe class GemmPacked
{
    /// <summary>Columns of B per packed block: kc × nc floats (4 MB) stay in the last-level cache.</summary>
    internal const int NBlock = 4096;

    [ThreadStatic]
    private static float[]? t_packedA;

    public static void Run<TKernel>(
        int m, int n, int k, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, bool accumulate,
        bool parallel)
        where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.Rows;
        int nr = TKernel.Columns;
        int mc = GemmDriver.MBlock / mr * mr;
        int kcMax = Math.Min(k, GemmDriver.KBlock);
        int panelsMax = (Math.Min(n, NBlock) + nr - 1) / nr;
        int blocks = (m + mc - 1) / mc;
        parallel &= blocks > 1 && Environment.ProcessorCount > 1;
        var rented = ArrayPool<float>.Shared.Rent((panelsMax * nr * kcMax) + 16);
        try
        {
            fixed (float* bBase = rented)
            {
                float* pb = (float*)(((nint)bBase + 63) & ~(nint)63);
                nint pa0 = (nint)a, pc0 = (nint)c, pbn = (nint)pb;
                for (int jc = 0; jc < n; jc += NBlock)
                {
                    int jEnd = Math.Min(jc + NBlock, n);
                    int panels = (jEnd - jc + nr - 1) / nr;
                    for (int kb = 0; kb < k; kb += GemmDriver.KBlock)
                    {
                        int kc = Math.Min(GemmDriver.KBlock, k - kb);
                        bool acc = accumulate || kb > 0;
                        PackB(b + (kb * ldb), ldb, kc, nr, jc, jEnd, panels, pb);
                        int jcc = jc, kbb = kb;
                        if (parallel)
                        {
                            Parallel.For(0, blocks, block => Macro<TKernel>(
                                block * mc, Math.Min((block * mc) + mc, m), (float*)pa0 + (kbb * cs), rs, cs, kc,
                                (float*)pbn, jcc, jEnd, panels, (float*)pc0, ldc, acc));
                        }
                        else
                        {
                            for (int block = 0; block < blocks; block++)
                            {
                                Macro<TKernel>(
                                    block * mc, Math.Min((block * mc) + mc, m), a + (kb * cs), rs, cs, kc,
                                    pb, jc, jEnd, panels, c, ldc, acc);
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Rows [ib, iEnd) of C for one packed block of B: packs the rows' A block, then runs every tile.</summary>
    private static void Macro<TKernel>(
        int ib, int iEnd, float* ak, nint rs, nint cs, int kc, float* pb, int jc, int jEnd, int panels, float* c,
        nint ldc, bool acc)
        where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.Rows;
        int nr = TKernel.Columns;
        int tiles = (iEnd - ib + mr - 1) / mr;
        int needed = (GemmDriver.MBlock * GemmDriver.KBlock) + 16;
        var buffer = t_packedA;
        if (buffer is null || buffer.Length < needed)
        {
            buffer = t_packedA = GC.AllocateUninitializedArray<float>(needed, pinned: true);
        }

        float* pa = (float*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + 63) & ~(nint)63);
        PackA(ak, rs, cs, kc, mr, ib, iEnd, tiles, pa);

        // Row tiles outside, column panels inside: the tile's A micro-panel (kc × mr, 8 KB at most) stays
        // in L1 while the packed B block streams past it from L2/L3, and C is written along its rows. The
        // other order kept a B micro-panel in L1 instead, which at kc = 256 and 32 columns is all of a
        // 32 KB L1, and walked C down its columns, where power-of-two row strides share a few cache sets.
        for (int t = 0; t < tiles; t++)
        {
            int i = ib + (t * mr);
            int i0 = Math.Min(i, iEnd - mr);
            float* tileA = pa + (t * kc * mr);
            for (int q = 0; q < panels; q++)
            {
                int j = jc + (q * nr);
                int j0 = Math.Min(j, jEnd - nr);
                TKernel.Tile(kc, tileA, 1, mr, pb + (q * kc * nr), nr, c + (i0 * ldc) + j0, ldc, acc, i - i0, j - j0);
            }
        }
    }

    /// <summary>Micro-panel t holds rows i0…i0+mr of the k block, element (r, p) at p·mr + r.</summary>
    private static void PackA(float* a, nint rs, nint cs, int kc, int mr, int ib, int iEnd, int tiles, float* pa)
    {
        for (int t = 0; t < tiles; t++)
        {
            int i0 = Math.Min(ib + (t * mr), iEnd - mr);
            float* dst = pa + (t * kc * mr);
            if (cs == 1)
            {
                for (int r = 0; r < mr; r++)
                {
                    float* src = a + ((i0 + r) * rs);
                    for (int p = 0; p < kc; p++)
                    {
                        dst[(p * mr) + r] = src[p];
                    }
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (p * cs) + (i0 * rs);
                    float* row = dst + (p * mr);
                    for (int r = 0; r < mr; r++)
                    {
                        row[r] = src[r * rs];
                    }
                }
            }
        }
    }

    /// <summary>Micro-panel q holds columns j0…j0+nr of the k block, row p at p·nr.</summary>
    private static void PackB(float* b, nint ldb, int kc, int nr, int jc, int jEnd, int panels, float* pb)
    {
        uint bytes = (uint)(nr * sizeof(float));
        for (int q = 0; q < panels; q++)
        {
            int j0 = Math.Min(jc + (q * nr), jEnd - nr);
            float* dst = pb + (q * kc * nr);
            float* src = b + j0;
            for (int p = 0; p < kc; p++)
            {
                Unsafe.CopyBlockUnaligned(dst + (p * nr), src + (p * ldb), bytes);
            }
        }
    }
}
