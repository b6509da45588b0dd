using System.Numerics.Tensors;

namespace Reco.Numerics;

/// <summary>Cholesky factorisation of dense symmetric positive-definite matrices (row-major, single precision).</summary>
internal static class Cholesky
{
    /// <summary>
    /// Replaces the lower triangle of <paramref name="a"/> (n×n, row-major) by L with A = L·Lᵀ; the strict
    /// upper triangle is zeroed.
    /// </summary>
    /// <exception cref="ArgumentException">A is not positive definite.</exception>
    public static void Factor(Span<float> a, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(a.Length, n * n, nameof(a));
        for (int i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * n, n);
            for (int j = 0; j <= i; j++)
            {
                var rowJ = a.Slice(j * n, n);
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
                    throw new ArgumentException($"The matrix is not positive definite (pivot {i} is {s}).", nameof(a));
                }
            }

            rowI[(i + 1)..].Clear();
        }
    }

    /// <summary>Solves A·x = b in place in <paramref name="b"/>, given the factor L of <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<float> l, int n, Span<float> b)
    {
        for (int i = 0; i < n; i++)
        {
            var row = l.Slice(i * n, n);
            b[i] = (b[i] - TensorPrimitives.Dot(row[..i], b[..i])) / row[i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            float s = b[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * b[k];
            }

            b[i] = s / l[(i * n) + i];
        }
    }

    /// <summary>
    /// The inverse of the symmetric positive-definite <paramref name="a"/> (n×n, row-major, overwritten by
    /// its factor): L⁻¹ by independent forward substitutions per column, then A⁻¹ = L⁻ᵀ·L⁻¹ by GEMM.
    /// </summary>
    public static float[] Invert(float[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        Factor(a, n);

        // Row c of t is column c of L⁻¹ (zero above c).
        var t = new float[n * n];
        Parallel.For(0, n, c =>
        {
            var x = t.AsSpan(c * n, n);
            for (int i = c; i < n; i++)
            {
                var row = a.AsSpan(i * n, n);
                float rhs = i == c ? 1f : 0f;
                x[i] = (rhs - TensorPrimitives.Dot(row[c..i], x[c..i])) / row[i];
            }
        });

        // L⁻¹ row-major, then A⁻¹ = (L⁻¹)ᵀ · L⁻¹.
        var inverseL = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverseL[(i * n) + j] = t[(j * n) + i];
            }
        }

        var result = new float[n * n];
        Gemm.MultiplyParallel(n, n, n, inverseL, 1, n, inverseL, n, result, n, accumulate: false);
        return result;
    }
}
