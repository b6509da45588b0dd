using System.Runtime.CompilerServices;

namespace Reco.Numerics;

/// <summary>
/// Cache blocking around a micro-kernel. Edge tiles are shifted back so they overlap the previous tile
/// instead of running past the matrix; the overlapped rows and columns are skipped on store. This keeps
/// every tile full-width (no masked loads of A or B) as long as the matrix is at least one tile large.
/// A B panel reused by several row tiles is first copied to a contiguous buffer when ldb is a multiple of
/// 128 floats: such rows (4096 in training) fall into a few L1 sets and evict each other. Other strides
/// spread well enough that the copy costs more than it saves.
/// </summary>
[SkipLocalsInit]
internal static unsafe class GemmDriver
{
    /// <summary>Depth of a k block: a kc × Columns panel of B stays in L1 while it is reused by every row tile.</summary>
    internal const int KBlock = 256;

    /// <summary>Rows of A per block: an mc × kc block of A stays in L2 while it is reused by every column panel.</summary>
    internal const int MBlock = 128;

    public static void Run<TKernel>(
        int m, int n, int k, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, bool accumulate,
        GemmDriverChoice driver = GemmDriverChoice.Auto)
        where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.Rows;
        int nr = TKernel.Columns;
        if (m < mr || n < nr)
        {
            GemmSmall.Run(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate);
            return;
        }

        if (driver is GemmDriverChoice.Packed or GemmDriverChoice.PackedParallel
            || (driver == GemmDriverChoice.Auto && Packs(m, n, k, mr, nr)))
        {
            GemmPacked.Run<TKernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, parallel: driver == GemmDriverChoice.PackedParallel);
            return;
        }

        int mc = MBlock / mr * mr;

        // 64-byte aligned so packed rows never straddle cache lines.
        float* packBuffer = stackalloc float[(Math.Min(k, KBlock) * nr) + 16];
        float* packed = (float*)(((nint)packBuffer + 63) & ~(nint)63);
        for (int kb = 0; kb < k; kb += KBlock)
        {
            int kc = Math.Min(KBlock, k - kb);
            bool acc = accumulate || kb > 0;
            float* ak = a + (kb * cs);
            float* bk = b + (kb * ldb);
            for (int ib = 0; ib < m; ib += mc)
            {
                int iEnd = Math.Min(ib + mc, m);
                bool pack = iEnd - ib > mr && (ldb & 127) == 0;
                for (int j = 0; j < n; j += nr)
                {
                    int j0 = Math.Min(j, n - nr);
                    float* panel = bk + j0;
                    nint ldp = ldb;
                    if (pack)
                    {
                        PackPanel(panel, ldb, kc, nr, packed);
                        panel = packed;
                        ldp = nr;
                    }

                    for (int i = ib; i < iEnd; i += mr)
                    {
                        // The last tile may reach back into the previous block; those rows are skipped.
                        int i0 = Math.Min(i, iEnd - mr);
                        TKernel.Tile(
                            kc, ak + (i0 * rs), rs, cs, panel, ldp, c + (i0 * ldc) + j0, ldc,
                            acc, i - i0, j - j0);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether the packed driver pays: its copies cost about one pass over A per block of B and one over
    /// B per run, which is small next to the m·n·k multiply-adds once A is reused by many column panels
    /// and B by many row tiles. A is copied element by element into interleaved rows, so it needs at least
    /// eight column panels to pay back (the query gradient of training, 64 × 64 × 4,096, ran at a third
    /// of the direct driver's speed with four).
    /// </summary>
    internal static bool Packs(int m, int n, int k, int mr, int nr)
        => m >= 4 * mr && n >= 8 * nr && (long)m * n * k >= PackedMinWork;

    /// <summary>Below this many multiply-adds the unpacked driver is used.</summary>
    internal const long PackedMinWork = 1L << 24;

    private static void PackPanel(float* b, nint ldb, int kc, int nr, float* packed)
    {
        uint bytes = (uint)(nr * sizeof(float));
        for (int p = 0; p < kc; p++)
        {
            Unsafe.CopyBlockUnaligned(packed + (p * nr), b + (p * ldb), bytes);
        }
    }
}
