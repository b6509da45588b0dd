namespace Reco.Numerics;

/// <summary>Row-block parallelisation of <see cref="Gemm"/>.</summary>
internal static unsafe class GemmParallel
{
    /// <summary>Below this many multiply-adds, thread hand-off costs more than it saves.</summary>
    private const long MinParallelWork = 1L << 21;

    /// <summary>Rows of C per parallel block; at least <paramref name="m"/> means "run serially".</summary>
    public static int BlockRows(int m, int n, int k)
    {
        long work = (long)m * n * k;
        int workers = Environment.ProcessorCount;
        if (workers == 1 || work < MinParallelWork || m < 16)
        {
            return m;
        }

        // A few blocks per worker for load balance, each a multiple of 8 rows so micro-kernel tiles stay full.
        int blocks = workers * 4;
        int rows = (m + blocks - 1) / blocks;
        rows = Math.Max(16, (rows + 7) & ~7);

        // Keep each block worth scheduling.
        long minRows = (MinParallelWork / 4 / Math.Max(1L, (long)n * k)) + 1;
        return (int)Math.Min(m, Math.Max(rows, minRows));
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
}
