namespace Reco.Numerics;

/// <summary>Parallelisation of <see cref="Gemm"/>: row blocks for small products, the shared packed driver for large ones.</summary>
internal static unsafe class GemmParallel
{
    /// <summary>Below this many multiply-adds, thread hand-off costs more than it saves.</summary>
    private const long MinParallelWork = 1L << 21;

    /// <summary>Rows of C per parallel block; at least <paramref name="m"/> means "run serially".</summary>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Depth.</param>
    /// <param name="tileRows">Rows of the micro-kernel's tile: blocks are multiples of it so no tile is recomputed.</param>
    public static int BlockRows(int m, int n, int k, int tileRows)
    {
        long work = (long)m * n * k;
        int workers = Environment.ProcessorCount;
        if (workers == 1 || work < MinParallelWork || m < 2 * tileRows)
        {
            return m;
        }

        // A few blocks per worker for load balance, each a whole number of micro-kernel tiles.
        int blocks = workers * 4;
        int rows = (m + blocks - 1) / blocks;
        rows = Math.Max(2 * tileRows, (rows + tileRows - 1) / tileRows * tileRows);

        // Keep each block worth scheduling.
        long minRows = (MinParallelWork / 4 / Math.Max(1L, (long)n * k)) + 1;
        minRows = (minRows + tileRows - 1) / tileRows * tileRows;
        return (int)Math.Min(m, Math.Max(rows, minRows));
    }

    /// <summary>Whether the product is large enough for the packed driver with its blocks shared by the threads.</summary>
    public static bool PacksInParallel(GemmPath path, int m, int n, int k)
    {
        var (mr, nr) = path switch
        {
            GemmPath.Avx512 => (Avx512Kernel.Rows, Avx512Kernel.Columns),
            GemmPath.Avx2 => (Avx2Kernel.Rows, Avx2Kernel.Columns),
            _ => (PortableKernel.Rows, PortableKernel.Columns),
        };
        return Environment.ProcessorCount > 1 && m >= 2 * GemmDriver.MBlock && n >= nr && m >= mr
            && GemmDriver.Packs(m, n, k, mr, nr);
    }

    public static void Run(
        GemmPath path, int blockRows, int m, int n, int k, float* a, int rs, int cs, float* b, int ldb, float* c,
        int ldc, bool accumulate)
    {
        // Pointers cannot be captured by a lambda from a fixed statement, so pass them as addresses.
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        int blocks = (m + blockRows - 1) / blockRows;
        Parallel.For(0, blocks, block =>
        {
            int i0 = block * blockRows;
            int rows = Math.Min(blockRows, m - i0);
            Gemm.Run(
                path, rows, n, k, (float*)pa + ((nint)i0 * rs), rs, cs, (float*)pb, ldb,
                (float*)pc + ((nint)i0 * ldc), ldc, accumulate);
        });
    }

    /// <summary>The packed driver with its row blocks spread over the threads (arguments validated, k &gt; 0).</summary>
    public static void RunPacked(
        GemmPath path, int m, int n, int k, float* a, int rs, int cs, float* b, int ldb, float* c, int ldc,
        bool accumulate)
    {
        switch (path)
        {
            case GemmPath.Avx512:
                GemmPacked.Run<Avx512Kernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, parallel: true);
                break;
            case GemmPath.Avx2:
                GemmPacked.Run<Avx2Kernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, parallel: true);
                break;
            default:
                GemmPacked.Run<PortableKernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, parallel: true);
                break;
        }
    }
}
