using System.Runtime.Intrinsics.X86;

namespace Reco.Numerics;

/// <summary>
/// Dense single-precision matrix multiply, C = A · B or C += A · B, with register-blocked SIMD
/// micro-kernels (AVX-512, AVX2/FMA, or portable <see cref="System.Numerics.Vector{T}"/>).
/// </summary>
/// <remarks>
/// A is addressed through a row and a column stride, so a transposed operand costs nothing:
/// element (i, p) of A is <c>a[i * aRowStride + p * aColStride]</c>. B and C are row-major with leading
/// dimensions <c>ldb</c> and <c>ldc</c>. C must not overlap A or B.
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>
    /// C[m×n] (=|+=) A[m×k] · B[k×n], single-threaded (callers parallelise over row blocks).
    /// A element (i,p) is a[i*aRowStride + p*aColStride] so a transposed A is just swapped strides;
    /// B is row-major with leading dimension ldb; C is row-major with leading dimension ldc.
    /// </summary>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A and rows of B.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="aRowStride">Distance in elements between consecutive rows of A.</param>
    /// <param name="aColStride">Distance in elements between consecutive columns of A.</param>
    /// <param name="b">Storage of B, row-major.</param>
    /// <param name="ldb">Leading dimension (row stride) of B; at least <paramref name="n"/>.</param>
    /// <param name="c">Storage of C, row-major; must not overlap <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="ldc">Leading dimension (row stride) of C; at least <paramref name="n"/>.</param>
    /// <param name="accumulate"><see langword="true"/> adds the product to C; <see langword="false"/> overwrites C.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or stride is negative, or a leading dimension is below <paramref name="n"/>.</exception>
    /// <exception cref="ArgumentException">A span is too short for the shape and strides, or C overlaps A or B.</exception>
    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
        => Multiply(BestPath, m, n, k, a, aRowStride, aColStride, b, ldb, c, ldc, accumulate);

    /// <summary>
    /// Same as <see cref="Multiply(int, int, int, ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, int, Span{float}, int, bool)"/>,
    /// but splits the rows of C into blocks computed in parallel with <see cref="Parallel.For(int, int, Action{int})"/>.
    /// Small products run on the calling thread.
    /// </summary>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A and rows of B.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="aRowStride">Distance in elements between consecutive rows of A.</param>
    /// <param name="aColStride">Distance in elements between consecutive columns of A.</param>
    /// <param name="b">Storage of B, row-major.</param>
    /// <param name="ldb">Leading dimension (row stride) of B; at least <paramref name="n"/>.</param>
    /// <param name="c">Storage of C, row-major; must not overlap <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="ldc">Leading dimension (row stride) of C; at least <paramref name="n"/>.</param>
    /// <param name="accumulate"><see langword="true"/> adds the product to C; <see langword="false"/> overwrites C.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension or stride is negative, or a leading dimension is below <paramref name="n"/>.</exception>
    /// <exception cref="ArgumentException">A span is too short for the shape and strides, or C overlaps A or B.</exception>
    public static void MultiplyParallel(
        int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
    {
        GemmArguments.Validate(m, n, k, a, aRowStride, aColStride, b, ldb, c, ldc);
        GemmPath path = BestPath;
        if (k > 0 && GemmParallel.PacksInParallel(path, m, n, k))
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                GemmParallel.RunPacked(path, m, n, k, pa, aRowStride, aColStride, pb, ldb, pc, ldc, accumulate);
            }

            return;
        }

        int blockRows = GemmParallel.BlockRows(m, n, k, Rows(path));
        if (blockRows >= m)
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                Run(path, m, n, k, pa, aRowStride, aColStride, pb, ldb, pc, ldc, accumulate);
            }

            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            GemmParallel.Run(path, blockRows, m, n, k, pa, aRowStride, aColStride, pb, ldb, pc, ldc, accumulate);
        }
    }

    /// <summary>The fastest path the current CPU supports.</summary>
    internal static GemmPath BestPath { get; } =
        Avx512F.IsSupported ? GemmPath.Avx512
        : IsSupported(GemmPath.Avx2) ? GemmPath.Avx2
        : GemmPath.Portable;

    /// <summary>Rows of C per micro-kernel tile on <paramref name="path"/>.</summary>
    internal static int Rows(GemmPath path) => path switch
    {
        GemmPath.Avx512 => Avx512Kernel.Rows,
        GemmPath.Avx2 => Avx2Kernel.Rows,
        _ => PortableKernel.Rows,
    };

    /// <summary>Whether <paramref name="path"/> can run on the current CPU.</summary>
    internal static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Avx512 => Avx512F.IsSupported,
        GemmPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmPath.Portable => true,
        _ => false,
    };

    /// <summary>Single-threaded multiply on a forced instruction-set path (tests and benchmarks).</summary>
    internal static void Multiply(
        GemmPath path, int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
        => Multiply(path, GemmDriverChoice.Auto, m, n, k, a, aRowStride, aColStride, b, ldb, c, ldc, accumulate);

    /// <summary>Multiply on a forced instruction-set path and driver (tests and benchmarks).</summary>
    internal static void Multiply(
        GemmPath path, GemmDriverChoice driver, int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
    {
        if (!IsSupported(path))
        {
            throw new PlatformNotSupportedException($"GEMM path {path} is not supported on this CPU.");
        }

        GemmArguments.Validate(m, n, k, a, aRowStride, aColStride, b, ldb, c, ldc);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(path, m, n, k, pa, aRowStride, aColStride, pb, ldb, pc, ldc, accumulate, driver);
        }
    }

    /// <summary>
    /// Whether the AVX2 path runs its 4-row kernel: on short products whose rows the 6-row tile does not
    /// divide (the 64-row blocks of training), the recomputed edge rows cost more than the wider tile saves.
    /// </summary>
    internal static bool NarrowAvx2(int m) => m < 256 && m % Avx2Kernel.Rows != 0;

    /// <summary>Unchecked core: arguments are already validated and the path is supported.</summary>
    internal static void Run(
        GemmPath path, int m, int n, int k, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc,
        bool accumulate, GemmDriverChoice driver = GemmDriverChoice.Auto)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    new Span<float>(c + (i * ldc), n).Clear();
                }
            }

            return;
        }

        switch (path)
        {
            case GemmPath.Avx512:
                GemmDriver.Run<Avx512Kernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, driver);
                break;
            case GemmPath.Avx2 when NarrowAvx2(m) && m > Avx2NarrowKernel.Rows && m % Avx2Kernel.Rows == Avx2NarrowKernel.Rows:
                // The 6-row tile on every row it covers whole, the 4-row one on the 4 left (64 = 10·6 + 4):
                // B streams past 11 row tiles instead of 16. Each element is the same FMA chain either way.
                int wide = m - Avx2NarrowKernel.Rows;
                GemmDriver.Run<Avx2Kernel>(wide, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, driver);
                GemmDriver.Run<Avx2NarrowKernel>(Avx2NarrowKernel.Rows, n, k, a + (wide * rs), rs, cs, b, ldb, c + (wide * ldc), ldc, accumulate, driver);
                break;
            case GemmPath.Avx2 when NarrowAvx2(m):
                GemmDriver.Run<Avx2NarrowKernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, driver);
                break;
            case GemmPath.Avx2:
                GemmDriver.Run<Avx2Kernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, driver);
                break;
            default:
                GemmDriver.Run<PortableKernel>(m, n, k, a, rs, cs, b, ldb, c, ldc, accumulate, driver);
                break;
        }
    }
}
