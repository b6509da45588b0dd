using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Reco.Models.Factorization;

/// <summary>
/// The 256-bit FMA forms of the gather for 32 and 64 factors, of YᵀY·p and of the rows' dot products, for machines
/// with AVX2 but not AVX-512 (and, for YᵀY·p and the dot products, lengths the 512-bit code does not cover). Each
/// sum runs in the 512-bit code's order — YᵀY·p one chain over the rows per element, a dot product the two halves
/// of each 16-float block in two chains added at the end — and a length that is not a multiple of 8 ends in
/// scalar FMAs.
/// </summary>
internal static unsafe partial class ConfidenceGather
{
    /// <summary>
    /// The gather for 64 factors: the accumulator in eight registers across the rows (v and the row re-read from L1),
    /// the same sums in the same order as <see cref="Accumulate256"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate256x64(float* other, int* indices, float* confidence, int n, float* v, float* acc, bool residual)
    {
        var a0 = Vector256.Load(acc);
        var a1 = Vector256.Load(acc + 8);
        var a2 = Vector256.Load(acc + 16);
        var a3 = Vector256.Load(acc + 24);
        var a4 = Vector256.Load(acc + 32);
        var a5 = Vector256.Load(acc + 40);
        var a6 = Vector256.Load(acc + 48);
        var a7 = Vector256.Load(acc + 56);
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
            var s0 = Fma.MultiplyAdd(Vector256.Load(y + 48), Vector256.Load(v + 48), Fma.MultiplyAdd(Vector256.Load(y + 32), Vector256.Load(v + 32), Fma.MultiplyAdd(Vector256.Load(y + 16), Vector256.Load(v + 16), Vector256.Load(y) * Vector256.Load(v))));
            var s1 = Fma.MultiplyAdd(Vector256.Load(y + 56), Vector256.Load(v + 56), Fma.MultiplyAdd(Vector256.Load(y + 40), Vector256.Load(v + 40), Fma.MultiplyAdd(Vector256.Load(y + 24), Vector256.Load(v + 24), Vector256.Load(y + 8) * Vector256.Load(v + 8))));
            float c = confidence[k];
            float d = (c - 1f) * Vector256.Sum(s0 + s1);
            var w = Vector256.Create(residual ? c - d : d);
            a0 = Fma.MultiplyAdd(Vector256.Load(y), w, a0);
            a1 = Fma.MultiplyAdd(Vector256.Load(y + 8), w, a1);
            a2 = Fma.MultiplyAdd(Vector256.Load(y + 16), w, a2);
            a3 = Fma.MultiplyAdd(Vector256.Load(y + 24), w, a3);
            a4 = Fma.MultiplyAdd(Vector256.Load(y + 32), w, a4);
            a5 = Fma.MultiplyAdd(Vector256.Load(y + 40), w, a5);
            a6 = Fma.MultiplyAdd(Vector256.Load(y + 48), w, a6);
            a7 = Fma.MultiplyAdd(Vector256.Load(y + 56), w, a7);
        }

        a0.Store(acc);
        a1.Store(acc + 8);
        a2.Store(acc + 16);
        a3.Store(acc + 24);
        a4.Store(acc + 32);
        a5.Store(acc + 40);
        a6.Store(acc + 48);
        a7.Store(acc + 56);
    }

    /// <summary>The gather for 32 factors: v and the accumulator in four registers each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate256x32(float* other, int* indices, float* confidence, int n, float* v, float* acc, bool residual)
    {
        var v0 = Vector256.Load(v);
        var v1 = Vector256.Load(v + 8);
        var v2 = Vector256.Load(v + 16);
        var v3 = Vector256.Load(v + 24);
        var a0 = Vector256.Load(acc);
        var a1 = Vector256.Load(acc + 8);
        var a2 = Vector256.Load(acc + 16);
        var a3 = Vector256.Load(acc + 24);
        for (int k = 0; k < n; k++)
        {
            if (k + Ahead < n)
            {
                float* next = other + ((nint)indices[k + Ahead] * 32);
                Sse.Prefetch0(next);
                Sse.Prefetch0(next + 16);
            }

            float* y = other + ((nint)indices[k] * 32);
            var y0 = Vector256.Load(y);
            var y1 = Vector256.Load(y + 8);
            var y2 = Vector256.Load(y + 16);
            var y3 = Vector256.Load(y + 24);
            var s0 = Fma.MultiplyAdd(y2, v2, y0 * v0);
            var s1 = Fma.MultiplyAdd(y3, v3, y1 * v1);
            float c = confidence[k];
            float d = (c - 1f) * Vector256.Sum(s0 + s1);
            var w = Vector256.Create(residual ? c - d : d);
            a0 = Fma.MultiplyAdd(y0, w, a0);
            a1 = Fma.MultiplyAdd(y1, w, a1);
            a2 = Fma.MultiplyAdd(y2, w, a2);
            a3 = Fma.MultiplyAdd(y3, w, a3);
        }

        a0.Store(acc);
        a1.Store(acc + 8);
        a2.Store(acc + 16);
        a3.Store(acc + 24);
    }

    /// <summary>r = Σ_j v_j A_j over the rows A_j of the f × f matrix <paramref name="a"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatVec256(float* a, float* v, float* r, int f)
    {
        int c = 0;

        // Eight accumulators (64 columns) while they fit: one chain of FMAs each, so the eight keep both FMA
        // units busy; then four, then one, then the columns past the last multiple of 8 one at a time.
        for (; c + 64 <= f; c += 64)
        {
            var r0 = Vector256<float>.Zero;
            var r1 = Vector256<float>.Zero;
            var r2 = Vector256<float>.Zero;
            var r3 = Vector256<float>.Zero;
            var r4 = Vector256<float>.Zero;
            var r5 = Vector256<float>.Zero;
            var r6 = Vector256<float>.Zero;
            var r7 = Vector256<float>.Zero;
            for (int j = 0; j < f; j++)
            {
                float* row = a + ((nint)j * f) + c;
                var w = Vector256.Create(v[j]);
                r0 = Fma.MultiplyAdd(Vector256.Load(row), w, r0);
                r1 = Fma.MultiplyAdd(Vector256.Load(row + 8), w, r1);
                r2 = Fma.MultiplyAdd(Vector256.Load(row + 16), w, r2);
                r3 = Fma.MultiplyAdd(Vector256.Load(row + 24), w, r3);
                r4 = Fma.MultiplyAdd(Vector256.Load(row + 32), w, r4);
                r5 = Fma.MultiplyAdd(Vector256.Load(row + 40), w, r5);
                r6 = Fma.MultiplyAdd(Vector256.Load(row + 48), w, r6);
                r7 = Fma.MultiplyAdd(Vector256.Load(row + 56), w, r7);
            }

            r0.Store(r + c);
            r1.Store(r + c + 8);
            r2.Store(r + c + 16);
            r3.Store(r + c + 24);
            r4.Store(r + c + 32);
            r5.Store(r + c + 40);
            r6.Store(r + c + 48);
            r7.Store(r + c + 56);
        }

        for (; c + 32 <= f; c += 32)
        {
            var r0 = Vector256<float>.Zero;
            var r1 = Vector256<float>.Zero;
            var r2 = Vector256<float>.Zero;
            var r3 = Vector256<float>.Zero;
            for (int j = 0; j < f; j++)
            {
                float* row = a + ((nint)j * f) + c;
                var w = Vector256.Create(v[j]);
                r0 = Fma.MultiplyAdd(Vector256.Load(row), w, r0);
                r1 = Fma.MultiplyAdd(Vector256.Load(row + 8), w, r1);
                r2 = Fma.MultiplyAdd(Vector256.Load(row + 16), w, r2);
                r3 = Fma.MultiplyAdd(Vector256.Load(row + 24), w, r3);
            }

            r0.Store(r + c);
            r1.Store(r + c + 8);
            r2.Store(r + c + 16);
            r3.Store(r + c + 24);
        }

        for (; c + 8 <= f; c += 8)
        {
            var r0 = Vector256<float>.Zero;
            for (int j = 0; j < f; j++)
            {
                r0 = Fma.MultiplyAdd(Vector256.Load(a + ((nint)j * f) + c), Vector256.Create(v[j]), r0);
            }

            r0.Store(r + c);
        }

        for (; c < f; c++)
        {
            float s = 0;
            for (int j = 0; j < f; j++)
            {
                s = MathF.FusedMultiplyAdd(a[((nint)j * f) + c], v[j], s);
            }

            r[c] = s;
        }
    }

    /// <summary>s_i = x·y_i for the <paramref name="n"/> rows y_i of length f at <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows256(float* x, float* rows, float* s, int n, int f)
    {
        if (f == 64)
        {
            DotRows256x64(x, rows, s, n);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            s[i] = Dot256(x, rows + ((nint)i * f), f);
        }
    }

    /// <summary>s_k = x·y_{indices[k]}, the row <see cref="Ahead"/> places on prefetched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotGathered256(float* x, float* other, int* indices, float* s, int n, int f)
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

            s[k] = Dot256(x, other + ((nint)indices[k] * f), f);
        }
    }

    /// <summary>x·y with 256-bit FMAs: lanes 0–7 and 8–15 of each block of 16 in two chains, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot256(float* x, float* y, int f)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        int j = 0;
        for (; j + 16 <= f; j += 16)
        {
            s0 = Fma.MultiplyAdd(Vector256.Load(y + j), Vector256.Load(x + j), s0);
            s1 = Fma.MultiplyAdd(Vector256.Load(y + j + 8), Vector256.Load(x + j + 8), s1);
        }

        if (j + 8 <= f)
        {
            s0 = Fma.MultiplyAdd(Vector256.Load(y + j), Vector256.Load(x + j), s0);
            j += 8;
        }

        float sum = Vector256.Sum(s0 + s1);
        for (; j < f; j++)
        {
            sum = MathF.FusedMultiplyAdd(y[j], x[j], sum);
        }

        return sum;
    }

    /// <summary>64 factors: x held in eight registers across the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows256x64(float* x, float* rows, float* s, int n)
    {
        var x0 = Vector256.Load(x);
        var x1 = Vector256.Load(x + 8);
        var x2 = Vector256.Load(x + 16);
        var x3 = Vector256.Load(x + 24);
        var x4 = Vector256.Load(x + 32);
        var x5 = Vector256.Load(x + 40);
        var x6 = Vector256.Load(x + 48);
        var x7 = Vector256.Load(x + 56);
        for (int i = 0; i < n; i++)
        {
            float* y = rows + ((nint)i * 64);
            var s0 = Fma.MultiplyAdd(Vector256.Load(y + 48), x6, Fma.MultiplyAdd(Vector256.Load(y + 32), x4, Fma.MultiplyAdd(Vector256.Load(y + 16), x2, Vector256.Load(y) * x0)));
            var s1 = Fma.MultiplyAdd(Vector256.Load(y + 56), x7, Fma.MultiplyAdd(Vector256.Load(y + 40), x5, Fma.MultiplyAdd(Vector256.Load(y + 24), x3, Vector256.Load(y + 8) * x1)));
            s[i] = Vector256.Sum(s0 + s1);
        }
    }
}
