using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Reco.Models.Factorization;

/// <summary>
/// The inner loop of the conjugate-gradient step of implicit ALS, over the rows y_k of the items (or users)
/// an entity interacted with: acc += Σ_k w_k y_k with w_k = (c_k − 1)(y_k·v), or, for the first residual,
/// w_k = c_k − (c_k − 1)(y_k·v). Each y_k is read once for its dot product and its update, with v and acc
/// kept in registers for 32 and 64 factors and the next rows prefetched — at 25 million interactions
/// these random row reads are what an ALS sweep costs.
/// </summary>
internal static unsafe partial class ConfidenceGather
{
    /// <param name="other">The fixed side's factors (rows of length f).</param>
    /// <param name="indices">Rows of <paramref name="other"/> the entity interacted with.</param>
    /// <param name="confidence">Their confidences c_k.</param>
    /// <param name="v">The vector multiplied (x for the residual, the search direction p otherwise).</param>
    /// <param name="acc">Accumulates Σ_k w_k y_k.</param>
    /// <param name="residual">Whether w_k is the residual's c_k − (c_k − 1)(y_k·v).</param>
    public static void Accumulate(ReadOnlySpan<float> other, ReadOnlySpan<int> indices, ReadOnlySpan<float> confidence, ReadOnlySpan<float> v, Span<float> acc, bool residual)
    {
        int f = v.Length;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && f == 64)
        {
            fixed (float* o = other, pv = v, pa = acc)
            fixed (int* idx = indices)
            fixed (float* conf = confidence)
            {
                Accumulate64(o, idx, conf, indices.Length, pv, pa, residual);
            }

            return;
        }

        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && f == 32)
        {
            fixed (float* o = other, pv = v, pa = acc)
            fixed (int* idx = indices)
            fixed (float* conf = confidence)
            {
                Accumulate32(o, idx, conf, indices.Length, pv, pa, residual);
            }

            return;
        }

        // Without AVX-512: the same single pass over each row with 256-bit FMAs (and the next rows prefetched)
        // for any length that is a multiple of 8, instead of two vector-library calls per interaction.
        if (!Vector512.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported && f % 8 == 0 && f > 0)
        {
            fixed (float* o = other, pv = v, pa = acc)
            fixed (int* idx = indices)
            fixed (float* conf = confidence)
            {
                if (f == 64)
                {
                    Accumulate256x64(o, idx, conf, indices.Length, pv, pa, residual);
                }
                else if (f == 32)
                {
                    Accumulate256x32(o, idx, conf, indices.Length, pv, pa, residual);
                }
                else
                {
                    Accumulate256(o, idx, conf, indices.Length, f, pv, pa, residual);
                }
            }

            return;
        }

        for (int k = 0; k < indices.Length; k++)
        {
            var y = other.Slice(indices[k] * f, f);
            float c = confidence[k];
            float d = (c - 1f) * TensorPrimitives.Dot(y, v);
            TensorPrimitives.MultiplyAdd(y, residual ? c - d : d, acc, acc);
        }
    }

    /// <summary>
    /// result = A v for a symmetric f × f matrix A (YᵀY + λI), as Σ_j v_j A_j over its rows with the result in
    /// registers: 512-bit for 32 and 64 factors, 256-bit FMAs for any other length (or without AVX-512), and
    /// the vector library's row dot products without AVX2.
    /// </summary>
    public static void SymmetricMatVec(ReadOnlySpan<float> a, ReadOnlySpan<float> v, Span<float> result)
    {
        int f = v.Length;
        if (a.Length < f * f || result.Length < f)
        {
            throw new ArgumentException("The matrix or the result is shorter than the vector's length implies.");
        }

        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (f == 64 || f == 32))
        {
            fixed (float* pa = a, pv = v, pr = result)
            {
                if (f == 64)
                {
                    MatVec64(pa, pv, pr);
                }
                else
                {
                    MatVec32(pa, pv, pr);
                }
            }

            return;
        }

        if (Avx2.IsSupported && Fma.IsSupported && f > 0)
        {
            fixed (float* pa = a, pv = v, pr = result)
            {
                MatVec256(pa, pv, pr, f);
            }

            return;
        }

        for (int i = 0; i < f; i++)
        {
            result[i] = TensorPrimitives.Dot(a.Slice(i * f, f), v);
        }
    }

    /// <summary>
    /// scores_i = x·y_i for every row y_i of <paramref name="rows"/> (length f = |x|): x in 512-bit registers for 32
    /// and 64 factors, 256-bit FMAs for any other length (or without AVX-512), and the vector library's dot
    /// product without AVX2.
    /// </summary>
    public static void DotRows(ReadOnlySpan<float> x, ReadOnlySpan<float> rows, Span<float> scores)
    {
        int f = x.Length;
        int n = scores.Length;
        if (rows.Length < (long)n * f)
        {
            throw new ArgumentException("The rows are fewer than the scores.");
        }

        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (f == 64 || f == 32))
        {
            fixed (float* px = x, py = rows, ps = scores)
            {
                if (f == 64)
                {
                    DotRows64(px, py, ps, n);
                }
                else
                {
                    DotRows32(px, py, ps, n);
                }
            }

            return;
        }

        if (Avx2.IsSupported && Fma.IsSupported && f > 0)
        {
            fixed (float* px = x, py = rows, ps = scores)
            {
                DotRows256(px, py, ps, n, f);
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            scores[i] = TensorPrimitives.Dot(x, rows.Slice(i * f, f));
        }
    }

    /// <summary>
    /// scores_k = x·y_{indices[k]} for rows y of <paramref name="other"/> (length f = |x|), the next rows prefetched:
    /// the per-interaction predictions of the loss, read in the order of an entity's interactions.
    /// </summary>
    /// <remarks>The indices are not checked against <paramref name="other"/>: they come from the training matrix.</remarks>
    public static void DotRows(ReadOnlySpan<float> x, ReadOnlySpan<float> other, ReadOnlySpan<int> indices, Span<float> scores)
    {
        int f = x.Length;
        int n = indices.Length;
        if (scores.Length < n)
        {
            throw new ArgumentException("The scores are fewer than the indices.");
        }

        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (f == 64 || f == 32))
        {
            fixed (float* px = x, py = other, ps = scores)
            fixed (int* idx = indices)
            {
                if (f == 64)
                {
                    DotGathered64(px, py, idx, ps, n);
                }
                else
                {
                    DotGathered32(px, py, idx, ps, n);
                }
            }

            return;
        }

        if (Avx2.IsSupported && Fma.IsSupported && f > 0)
        {
            fixed (float* px = x, py = other, ps = scores)
            fixed (int* idx = indices)
            {
                DotGathered256(px, py, idx, ps, n, f);
            }

            return;
        }

        for (int k = 0; k < n; k++)
        {
            scores[k] = TensorPrimitives.Dot(x, other.Slice(indices[k] * f, f));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVec64(float* pa, float* pv, float* pr)
    {
        var r0 = Vector512<float>.Zero;
        var r1 = Vector512<float>.Zero;
        var r2 = Vector512<float>.Zero;
        var r3 = Vector512<float>.Zero;
        for (int j = 0; j < 64; j++)
        {
            float* row = pa + (j * 64);
            var w = Vector512.Create(pv[j]);
            r0 = Avx512F.FusedMultiplyAdd(Vector512.Load(row), w, r0);
            r1 = Avx512F.FusedMultiplyAdd(Vector512.Load(row + 16), w, r1);
            r2 = Avx512F.FusedMultiplyAdd(Vector512.Load(row + 32), w, r2);
            r3 = Avx512F.FusedMultiplyAdd(Vector512.Load(row + 48), w, r3);
        }

        r0.Store(pr);
        r1.Store(pr + 16);
        r2.Store(pr + 32);
        r3.Store(pr + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVec32(float* pa, float* pv, float* pr)
    {
        var r0 = Vector512<float>.Zero;
        var r1 = Vector512<float>.Zero;
        for (int j = 0; j < 32; j++)
        {
            float* row = pa + (j * 32);
            var w = Vector512.Create(pv[j]);
            r0 = Avx512F.FusedMultiplyAdd(Vector512.Load(row), w, r0);
            r1 = Avx512F.FusedMultiplyAdd(Vector512.Load(row + 16), w, r1);
        }

        r0.Store(pr);
        r1.Store(pr + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows64(float* px, float* py, float* ps, int n)
    {
        var x0 = Vector512.Load(px);
        var x1 = Vector512.Load(px + 16);
        var x2 = Vector512.Load(px + 32);
        var x3 = Vector512.Load(px + 48);
        for (int i = 0; i < n; i++)
        {
            float* y = py + ((nint)i * 64);
            var s = Avx512F.FusedMultiplyAdd(Vector512.Load(y + 48), x3, Avx512F.FusedMultiplyAdd(Vector512.Load(y + 32), x2, Avx512F.FusedMultiplyAdd(Vector512.Load(y + 16), x1, Vector512.Load(y) * x0)));
            ps[i] = Vector512.Sum(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows32(float* px, float* py, float* ps, int n)
    {
        var x0 = Vector512.Load(px);
        var x1 = Vector512.Load(px + 16);
        for (int i = 0; i < n; i++)
        {
            float* y = py + ((nint)i * 32);
            ps[i] = Vector512.Sum(Avx512F.FusedMultiplyAdd(Vector512.Load(y + 16), x1, Vector512.Load(y) * x0));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotGathered64(float* px, float* other, int* indices, float* ps, int n)
    {
        var x0 = Vector512.Load(px);
        var x1 = Vector512.Load(px + 16);
        var x2 = Vector512.Load(px + 32);
        var x3 = Vector512.Load(px + 48);
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * 64);
                Sse.Prefetch0(next);
                Sse.Prefetch0(next + 16);
                Sse.Prefetch0(next + 32);
                Sse.Prefetch0(next + 48);
            }

            float* y = other + ((nint)indices[k] * 64);
            var s = Avx512F.FusedMultiplyAdd(Vector512.Load(y + 48), x3, Avx512F.FusedMultiplyAdd(Vector512.Load(y + 32), x2, Avx512F.FusedMultiplyAdd(Vector512.Load(y + 16), x1, Vector512.Load(y) * x0)));
            ps[k] = Vector512.Sum(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotGathered32(float* px, float* other, int* indices, float* ps, int n)
    {
        var x0 = Vector512.Load(px);
        var x1 = Vector512.Load(px + 16);
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * 32);
                Sse.Prefetch0(next);
                Sse.Prefetch0(next + 16);
            }

            float* y = other + ((nint)indices[k] * 32);
            ps[k] = Vector512.Sum(Avx512F.FusedMultiplyAdd(Vector512.Load(y + 16), x1, Vector512.Load(y) * x0));
        }
    }

    private const int Ahead = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate256(float* other, int* indices, float* confidence, int n, int f, float* v, float* acc, bool residual)
    {
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * f);
                for (int p = 0; p < f; p += 16)
                {
                    Sse.Prefetch0(next + p);
                }
            }

            float* y = other + ((nint)indices[k] * f);
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            int j = 0;
            for (; j + 16 <= f; j += 16)
            {
                s0 = Fma.MultiplyAdd(Vector256.Load(y + j), Vector256.Load(v + j), s0);
                s1 = Fma.MultiplyAdd(Vector256.Load(y + j + 8), Vector256.Load(v + j + 8), s1);
            }

            if (j < f)
            {
                s0 = Fma.MultiplyAdd(Vector256.Load(y + j), Vector256.Load(v + j), s0);
            }

            float c = confidence[k];
            float d = (c - 1f) * Vector256.Sum(s0 + s1);
            var w = Vector256.Create(residual ? c - d : d);
            for (j = 0; j < f; j += 8)
            {
                Fma.MultiplyAdd(Vector256.Load(y + j), w, Vector256.Load(acc + j)).Store(acc + j);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate64(float* other, int* indices, float* confidence, int n, float* v, float* acc, bool residual)
    {
        var v0 = Vector512.Load(v);
        var v1 = Vector512.Load(v + 16);
        var v2 = Vector512.Load(v + 32);
        var v3 = Vector512.Load(v + 48);
        var a0 = Vector512.Load(acc);
        var a1 = Vector512.Load(acc + 16);
        var a2 = Vector512.Load(acc + 32);
        var a3 = Vector512.Load(acc + 48);
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * 64);
                Sse.Prefetch0(next);
                Sse.Prefetch0(next + 16);
                Sse.Prefetch0(next + 32);
                Sse.Prefetch0(next + 48);
            }

            float* y = other + ((nint)indices[k] * 64);
            var y0 = Vector512.Load(y);
            var y1 = Vector512.Load(y + 16);
            var y2 = Vector512.Load(y + 32);
            var y3 = Vector512.Load(y + 48);
            var s = Avx512F.FusedMultiplyAdd(y3, v3, Avx512F.FusedMultiplyAdd(y2, v2, Avx512F.FusedMultiplyAdd(y1, v1, y0 * v0)));
            float c = confidence[k];
            float d = (c - 1f) * Vector512.Sum(s);
            var w = Vector512.Create(residual ? c - d : d);
            a0 = Avx512F.FusedMultiplyAdd(y0, w, a0);
            a1 = Avx512F.FusedMultiplyAdd(y1, w, a1);
            a2 = Avx512F.FusedMultiplyAdd(y2, w, a2);
            a3 = Avx512F.FusedMultiplyAdd(y3, w, a3);
        }

        a0.Store(acc);
        a1.Store(acc + 16);
        a2.Store(acc + 32);
        a3.Store(acc + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate32(float* other, int* indices, float* confidence, int n, float* v, float* acc, bool residual)
    {
        var v0 = Vector512.Load(v);
        var v1 = Vector512.Load(v + 16);
        var a0 = Vector512.Load(acc);
        var a1 = Vector512.Load(acc + 16);
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * 32);
                Sse.Prefetch0(next);
                Sse.Prefetch0(next + 16);
            }

            float* y = other + ((nint)indices[k] * 32);
            var y0 = Vector512.Load(y);
            var y1 = Vector512.Load(y + 16);
            var s = Avx512F.FusedMultiplyAdd(y1, v1, y0 * v0);
            float c = confidence[k];
            float d = (c - 1f) * Vector512.Sum(s);
            var w = Vector512.Create(residual ? c - d : d);
            a0 = Avx512F.FusedMultiplyAdd(y0, w, a0);
            a1 = Avx512F.FusedMultiplyAdd(y1, w, a1);
        }

        a0.Store(acc);
        a1.Store(acc + 16);
    }
}
