namespace Reco.Numerics;

/// <summary>
/// Unchecked multi-threaded GEMM on raw pointers for the blocked factorisations: the larger of the rows and
/// the columns of C is cut into chunks, each an independent product on the best kernel, so tall-and-thin
/// and short-and-wide products use every core alike. C may sit in the same array as A and B as long as the
/// regions do not overlap (the span overlap check of <see cref="Gemm"/> would refuse that).
/// </summary>
internal static unsafe class ParallelProduct
{
    /// <summary>Below this many multiply-adds the product runs on the calling thread.</summary>
    private const long MinParallelWork = 1L << 22;

    /// <summary>C[m×n] (=|+=) A[m×k]·B[k×n], A element (i, p) at a[i·rs + p·cs], B and C row-major.</summary>
    public static void Run(
        int m, int n, int k, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, bool accumulate)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        var path = Gemm.BestPath;
        int workers = Environment.ProcessorCount;
        if (workers == 1 || (long)m * n * k < MinParallelWork)
        {
            Gemm.Run(path, m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate);
            return;
        }

        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (m >= n)
        {
            int step = Chunk(m, workers, 16);
            int chunks = (m + step - 1) / step;
            Parallel.For(0, chunks, chunk =>
            {
                int i0 = chunk * step;
                Gemm.Run(path, Math.Min(step, m - i0), n, k, (float*)pa + (i0 * rs), rs, cs, (float*)pb, ldb, (float*)pc + (i0 * ldc), ldc, accumulate);
            });
        }
        else
        {
            int step = Chunk(n, workers, 32);
            int chunks = (n + step - 1) / step;
            Parallel.For(0, chunks, chunk =>
            {
                int j0 = chunk * step;
                Gemm.Run(path, m, Math.Min(step, n - j0), k, (float*)pa, rs, cs, (float*)pb + j0, ldb, (float*)pc + j0, ldc, accumulate);
            });
        }
    }

    /// <summary>A chunk length giving a few chunks per worker, a multiple of <paramref name="align"/> and at least four of it.</summary>
    private static int Chunk(int length, int workers, int align)
    {
        int step = (length + (3 * workers) - 1) / (3 * workers);
        step = (step + align - 1) / align * align;
        return Math.Min(length, Math.Max(step, 4 * align));
    }
}
