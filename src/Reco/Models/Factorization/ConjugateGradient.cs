using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Models.Factorization;

/// <summary>
/// The conjugate-gradient step of implicit ALS (Takács et al. 2011, as in the <c>implicit</c> library):
/// a few CG iterations, warm-started from the current factor x, towards the solution of
/// (YᵀY + λI + Σ_i (c_i − 1) y_i y_iᵀ) x = Σ_i c_i y_i, touching only the rows y_i of the items the
/// entity interacted with.
/// </summary>
/// <remarks>
/// The vector updates of each iteration are fused into one pass (x += αp, r −= α·Ap and r·r together) over
/// 256-bit vectors (128-bit without AVX2). Being short loops with no 512-bit code, they are precompiled with the rest of the library
/// where the tool is ReadyToRun, so that a fresh process's first fit does not wait for them to be compiled.
/// </remarks>
internal static class ConjugateGradient
{
    /// <param name="x">The factor to improve, in place.</param>
    /// <param name="gram">YᵀY + λI (f×f, row-major).</param>
    /// <param name="other">The fixed side's factors (rows of length f).</param>
    /// <param name="indices">Rows of <paramref name="other"/> the entity interacted with.</param>
    /// <param name="confidence">Their confidences c_i (each ≥ 1).</param>
    /// <param name="steps">CG iterations.</param>
    /// <param name="scratch">At least 3f floats.</param>
    public static void Solve(Span<float> x, ReadOnlySpan<float> gram, ReadOnlySpan<float> other, ReadOnlySpan<int> indices, ReadOnlySpan<float> confidence, int steps, Span<float> scratch)
    {
        int f = x.Length;
        var r = scratch[..f];
        var p = scratch.Slice(f, f);
        var ap = scratch.Slice(2 * f, f);

        // r = b − A x
        ConfidenceGather.SymmetricMatVec(gram, x, r);
        Negate(r);
        ConfidenceGather.Accumulate(other, indices, confidence, x, r, residual: true);

        r.CopyTo(p);
        float rsOld = Dot(r, r);
        for (int it = 0; it < steps && rsOld > 1e-20f; it++)
        {
            ConfidenceGather.SymmetricMatVec(gram, p, ap);
            ConfidenceGather.Accumulate(other, indices, confidence, p, ap, residual: false);

            float alpha = rsOld / Dot(p, ap);
            float rsNew = Step(x, r, p, ap, alpha);
            Direction(p, r, rsNew / rsOld);
            rsOld = rsNew;
        }
    }

    /// <summary>v = −v.</summary>
    internal static void Negate(Span<float> v)
    {
        ref float s = ref MemoryMarshal.GetReference(v);
        int n = v.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (-Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                (-Vector128.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref s, i) = -Unsafe.Add(ref s, i);
        }
    }

    /// <summary>a·b: one lane of partial sums per vector element, summed at the end, then the elements past the last whole vector.</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        SameLength(n, b.Length);
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc);
            }

            sum = Lanes(acc.GetLower() + acc.GetUpper());
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var acc = Vector128<float>.Zero;
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                acc += Vector128.LoadUnsafe(ref pa, (nuint)i) * Vector128.LoadUnsafe(ref pb, (nuint)i);
            }

            sum = Lanes(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }

    /// <summary>
    /// The four lanes' sum, in a fixed order, inlined: a call passing a vector, like one to
    /// <c>Vector128.MultiplyAddEstimate</c> that is not inlined, keeps ReadyToRun from precompiling the caller
    /// (crossgen2 <c>--verbose</c> says why for each method it leaves to the JIT).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Lanes(Vector128<float> v) => (v.GetElement(0) + v.GetElement(2)) + (v.GetElement(1) + v.GetElement(3));

    /// <summary>x += α·p and r −= α·Ap in one pass; returns the new r·r (summed as <see cref="Dot"/> sums).</summary>
    internal static float Step(Span<float> x, Span<float> r, ReadOnlySpan<float> p, ReadOnlySpan<float> ap, float alpha)
    {
        int n = x.Length;
        SameLength(n, r.Length);
        SameLength(n, p.Length);
        SameLength(n, ap.Length);
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pr = ref MemoryMarshal.GetReference(r);
        ref float pp = ref MemoryMarshal.GetReference(p);
        ref float pap = ref MemoryMarshal.GetReference(ap);
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var a = Vector256.Create(alpha);
            var acc = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pp, (nuint)i), a, Vector256.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref px, (nuint)i);
                var ri = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pap, (nuint)i), -a, Vector256.LoadUnsafe(ref pr, (nuint)i));
                ri.StoreUnsafe(ref pr, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(ri, ri, acc);
            }

            sum = Lanes(acc.GetLower() + acc.GetUpper());
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var a = Vector128.Create(alpha);
            var acc = Vector128<float>.Zero;
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref px, (nuint)i) + (Vector128.LoadUnsafe(ref pp, (nuint)i) * a)).StoreUnsafe(ref px, (nuint)i);
                var ri = Vector128.LoadUnsafe(ref pr, (nuint)i) - (Vector128.LoadUnsafe(ref pap, (nuint)i) * a);
                ri.StoreUnsafe(ref pr, (nuint)i);
                acc += ri * ri;
            }

            sum = Lanes(acc);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref px, i) += Unsafe.Add(ref pp, i) * alpha;
            float ri = Unsafe.Add(ref pr, i) - (Unsafe.Add(ref pap, i) * alpha);
            Unsafe.Add(ref pr, i) = ri;
            sum += ri * ri;
        }

        return sum;
    }

    /// <summary>p = r + β·p.</summary>
    internal static void Direction(Span<float> p, ReadOnlySpan<float> r, float beta)
    {
        int n = p.Length;
        SameLength(n, r.Length);
        ref float pp = ref MemoryMarshal.GetReference(p);
        ref float pr = ref MemoryMarshal.GetReference(r);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var b = Vector256.Create(beta);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pp, (nuint)i), b, Vector256.LoadUnsafe(ref pr, (nuint)i)).StoreUnsafe(ref pp, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var b = Vector128.Create(beta);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                ((Vector128.LoadUnsafe(ref pp, (nuint)i) * b) + Vector128.LoadUnsafe(ref pr, (nuint)i)).StoreUnsafe(ref pp, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref pp, i) = (Unsafe.Add(ref pp, i) * beta) + Unsafe.Add(ref pr, i);
        }
    }

    /// <summary>The vectors of one update have one length: the loops read and write them through unchecked references.</summary>
    private static void SameLength(int expected, int actual)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"The vectors have different lengths ({expected} and {actual}).");
        }
    }
}
