using System.Numerics.Tensors;

namespace Reco.Numerics;

/// <summary>
/// Blocked, multi-threaded Cholesky factorisation and symmetric positive-definite inverse of a dense
/// row-major matrix, in place, in the manner of LAPACK's potrf, trtri and lauum: small diagonal blocks
/// are handled by unblocked code and everything else (panel solves, trailing updates, triangular products)
/// is GEMM on <see cref="ParallelProduct"/>, which is where the n³ work goes. Each of the three steps
/// costs n³/3 flops, so an inverse is n³ flops and needs no memory beyond the matrix and an n × block panel.
/// </summary>
internal static unsafe class BlockedCholesky
{
    /// <summary>Block size: one k block of the GEMM drivers, large enough that the GEMMs run near peak.</summary>
    internal const int DefaultBlock = 256;

    /// <summary>Replaces the lower triangle of A (n×n, row-major) by L with A = L·Lᵀ and zeroes the strict upper triangle.</summary>
    /// <exception cref="ArgumentException">A is not positive definite.</exception>
    public static void Factor(float[] a, int n, int block = DefaultBlock)
    {
        Check(a, n, block);
        fixed (float* pa = a)
        {
            Factor(pa, n, block, null);
            ZeroUpper(pa, n);
        }
    }

    /// <summary>
    /// Replaces A (symmetric positive definite, n×n, row-major; only its lower triangle is read) by A⁻¹,
    /// both triangles. <paramref name="progress"/> is called after each block column of each of the three
    /// steps: 3·⌈n / block⌉ times in all.
    /// </summary>
    /// <exception cref="ArgumentException">A is not positive definite.</exception>
    public static void Invert(float[] a, int n, int block = DefaultBlock, Action? progress = null)
    {
        Check(a, n, block);
        fixed (float* pa = a)
        {
            Factor(pa, n, block, progress);
            ZeroUpper(pa, n);
            InvertLower(pa, n, block, progress);
            LowerTransposeTimesLower(pa, n, block, progress);
            MirrorLower(pa, n);
        }
    }

    private static void Check(float[] a, int n, int block)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan((long)a.Length, (long)n * n, nameof(a));
    }

    /// <summary>Right-looking blocked Cholesky (lower); the strict upper triangle is left as scratch.</summary>
    private static void Factor(float* a, int n, int nb, Action? progress)
    {
        nint ld = n;
        var panel = new float[(long)n * Math.Min(nb, n)];
        var negatedT = new float[(long)n * Math.Min(nb, n)];
        var inverse = new float[nb * nb];
        fixed (float* w = panel, t = negatedT, inv = inverse)
        {
            for (int j = 0; j < n; j += nb)
            {
                int jb = Math.Min(nb, n - j);
                float* diagonal = a + (j * ld) + j;
                FactorSmall(diagonal, ld, jb, j);
                int rest = n - j - jb;
                if (rest == 0)
                {
                    progress?.Invoke();
                    break;
                }

                // L21 = A21 · L11⁻ᵀ: the rows of L11⁻¹ transposed are the columns t of its inverse, row-major.
                InverseColumns(diagonal, ld, jb, inv);
                float* a21 = a + ((j + jb) * ld) + j;
                ParallelProduct.Run(rest, jb, jb, a21, ld, 1, inv, jb, w, jb, accumulate: false);
                CopyRows(w, jb, a21, ld, rest, jb);

                // A22 −= L21·L21ᵀ on the lower triangle, by row blocks that stop at the diagonal.
                Transpose(w, jb, rest, jb, t, rest, negate: true);
                float* a22 = a + ((j + jb) * ld) + j + jb;
                LowerUpdate(rest, jb, w, jb, t, rest, a22, ld, nb);
                progress?.Invoke();
            }
        }
    }

    /// <summary>C (lower part, n×n) += A·B with A n×k (row stride ras, unit column stride) and B k×n: one GEMM per row block up to the diagonal.</summary>
    private static void LowerUpdate(int n, int k, float* a, nint ras, float* b, nint ldb, float* c, nint ldc, int nb)
    {
        int blocks = (n + nb - 1) / nb;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        var path = Gemm.BestPath;

        // The last rows cost the most; handing them out first balances the threads.
        Parallel.For(0, blocks, index =>
        {
            int block = blocks - 1 - index;
            int r0 = block * nb;
            int r1 = Math.Min(r0 + nb, n);
            Gemm.Run(path, r1 - r0, r1, k, (float*)pa + (r0 * ras), ras, 1, (float*)pb, ldb, (float*)pc + (r0 * ldc), ldc, accumulate: true);
        });
    }

    /// <summary>L⁻¹ in place of the lower factor L (LAPACK's trtri, lower, by blocks from the bottom right).</summary>
    private static void InvertLower(float* a, int n, int nb, Action? progress)
    {
        nint ld = n;
        var panel = new float[(long)n * Math.Min(nb, n)];
        var inverse = new float[nb * nb];
        var negated = new float[nb * nb];
        int last = (n - 1) / nb * nb;
        fixed (float* x = panel, inv = inverse, neg = negated)
        {
            for (int j = last; j >= 0; j -= nb)
            {
                int jb = Math.Min(nb, n - j);
                float* diagonal = a + (j * ld) + j;
                InverseColumns(diagonal, ld, jb, inv);

                // inv holds the columns of L11⁻¹ as rows; −L11⁻¹ row-major is its negated transpose.
                Transpose(inv, jb, jb, jb, neg, jb, negate: true);
                int rest = n - j - jb;
                if (rest > 0)
                {
                    // A21 ← −W22 · A21 · L11⁻¹ with W22 = L22⁻¹ (already in place, lower, zero above).
                    float* w22 = a + ((j + jb) * ld) + j + jb;
                    float* a21 = a + ((j + jb) * ld) + j;
                    LowerTimes(rest, jb, w22, ld, a21, ld, x, jb, nb);
                    ParallelProduct.Run(rest, jb, jb, x, jb, 1, neg, jb, a21, ld, accumulate: false);
                }

                // The diagonal block becomes L11⁻¹ (lower; the upper part stays zero).
                for (int r = 0; r < jb; r++)
                {
                    float* row = diagonal + (r * ld);
                    for (int col = 0; col <= r; col++)
                    {
                        row[col] = -neg[(r * jb) + col];
                    }
                }

                progress?.Invoke();
            }
        }
    }

    /// <summary>X (n×k) = W·B with W lower triangular n×n (zero above its diagonal): one GEMM per row block, k only up to the block's end.</summary>
    private static void LowerTimes(int n, int k, float* w, nint ldw, float* b, nint ldb, float* x, nint ldx, int nb)
    {
        int blocks = (n + nb - 1) / nb;
        nint pw = (nint)w, pb = (nint)b, px = (nint)x;
        var path = Gemm.BestPath;
        Parallel.For(0, blocks, index =>
        {
            int block = blocks - 1 - index;
            int r0 = block * nb;
            int r1 = Math.Min(r0 + nb, n);
            Gemm.Run(path, r1 - r0, k, r1, (float*)pw + (r0 * ldw), ldw, 1, (float*)pb, ldb, (float*)px + (r0 * ldx), ldx, accumulate: false);
        });
    }

    /// <summary>The lower triangle of WᵀW in place of the lower triangular W (LAPACK's lauum, lower).</summary>
    private static void LowerTransposeTimesLower(float* a, int n, int nb, Action? progress)
    {
        nint ld = n;
        var rows = new float[(long)Math.Min(nb, n) * n];
        var square = new float[nb * nb];
        fixed (float* t = rows, d = square)
        {
            for (int i = 0; i < n; i += nb)
            {
                int ib = Math.Min(nb, n - i);
                float* w11 = a + (i * ld) + i;
                float* w10 = a + (i * ld);
                int rest = n - i - ib;
                float* w21 = a + ((i + ib) * ld) + i;
                float* w20 = a + ((i + ib) * ld);

                // Rows i…i+ib, columns 0…i: W11ᵀ·W10 + W21ᵀ·W20 (W11's upper part is zero, so a plain product is right).
                if (i > 0)
                {
                    ParallelProduct.Run(ib, i, ib, w11, 1, ld, w10, ld, t, i, accumulate: false);
                    ParallelProduct.Run(ib, i, rest, w21, 1, ld, w20, ld, t, i, accumulate: true);
                    CopyRows(t, i, w10, ld, ib, i);
                }

                // The diagonal block: W11ᵀ·W11 + W21ᵀ·W21, lower part.
                ParallelProduct.Run(ib, ib, ib, w11, 1, ld, w11, ld, d, ib, accumulate: false);
                ParallelProduct.Run(ib, ib, rest, w21, 1, ld, w21, ld, d, ib, accumulate: true);
                for (int r = 0; r < ib; r++)
                {
                    new ReadOnlySpan<float>(d + (r * ib), r + 1).CopyTo(new Span<float>(w11 + (r * ld), r + 1));
                }

                progress?.Invoke();
            }
        }
    }

    /// <summary>Unblocked Cholesky of a jb×jb diagonal block (row stride ld), lower part only.</summary>
    private static void FactorSmall(float* a, nint ld, int jb, int offset)
    {
        for (int i = 0; i < jb; i++)
        {
            var rowI = new Span<float>(a + (i * ld), jb);
            for (int j = 0; j <= i; j++)
            {
                var rowJ = new ReadOnlySpan<float>(a + (j * ld), jb);
                float s = rowI[j] - TensorPrimitives.Dot(rowI[..j], rowJ[..j]);
                if (j < i)
                {
                    rowI[j] = s / rowJ[j];
                }
                else if (s > 0 && float.IsFinite(s))
                {
                    rowI[i] = MathF.Sqrt(s);
                }
                else
                {
                    throw new ArgumentException($"The matrix is not positive definite (pivot {offset + i} is {s}).", nameof(a));
                }
            }
        }
    }

    /// <summary>
    /// The inverse of the lower factor L (jb×jb, row stride ld) by forward substitution, one column at a
    /// time: row c of <paramref name="t"/> (jb×jb) is column c of L⁻¹, zero above c.
    /// </summary>
    private static void InverseColumns(float* l, nint ld, int jb, float* t)
    {
        new Span<float>(t, jb * jb).Clear();
        for (int c = 0; c < jb; c++)
        {
            var x = new Span<float>(t + (c * jb), jb);
            for (int i = c; i < jb; i++)
            {
                var row = new ReadOnlySpan<float>(l + (i * ld), jb);
                float rhs = i == c ? 1f : 0f;
                x[i] = (rhs - TensorPrimitives.Dot(row[c..i], x[c..i])) / row[i];
            }
        }
    }

    private static void CopyRows(float* source, nint sourceStride, float* target, nint targetStride, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            new ReadOnlySpan<float>(source + (r * sourceStride), columns).CopyTo(new Span<float>(target + (r * targetStride), columns));
        }
    }

    /// <summary>target (columns × rows) = sourceᵀ, negated on request.</summary>
    private static void Transpose(float* source, nint sourceStride, int rows, int columns, float* target, nint targetStride, bool negate)
    {
        const int tile = 32;
        float sign = negate ? -1f : 1f;
        for (int r0 = 0; r0 < rows; r0 += tile)
        {
            for (int c0 = 0; c0 < columns; c0 += tile)
            {
                int r1 = Math.Min(r0 + tile, rows);
                int c1 = Math.Min(c0 + tile, columns);
                for (int r = r0; r < r1; r++)
                {
                    for (int c = c0; c < c1; c++)
                    {
                        target[(c * targetStride) + r] = sign * source[(r * sourceStride) + c];
                    }
                }
            }
        }
    }

    private static void ZeroUpper(float* a, int n)
    {
        for (int i = 0; i < n - 1; i++)
        {
            new Span<float>(a + ((long)i * n) + i + 1, n - i - 1).Clear();
        }
    }

    private static void MirrorLower(float* a, int n)
    {
        nint pa = (nint)a;
        const int tile = 64;
        int tiles = (n + tile - 1) / tile;
        Parallel.For(0, tiles, ti =>
        {
            float* m = (float*)pa;
            int r0 = ti * tile;
            int r1 = Math.Min(r0 + tile, n);
            for (int c0 = 0; c0 <= r0; c0 += tile)
            {
                int c1 = Math.Min(c0 + tile, n);
                for (int r = r0; r < r1; r++)
                {
                    for (int c = c0; c < Math.Min(c1, r); c++)
                    {
                        m[((long)c * n) + r] = m[((long)r * n) + c];
                    }
                }
            }
        });
    }
}
