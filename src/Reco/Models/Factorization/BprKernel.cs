using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Models.Factorization;

/// <summary>
/// One BPR SGD step on −ln σ(x_ui − x_uj) in two passes over the three factor rows: the dot product
/// p·(q_i − q_j), then every update from the old values. With c = 1 − lr·reg and g = lr·σ(−x):
/// q_i ← c·q_i + g·p, q_j ← c·q_j − g·p, p ← c·p + g·(q_i − q_j), b_i += lr·(σ(−x) − reg·b_i),
/// b_j += lr·(−σ(−x) − reg·b_j).
/// </summary>
internal static class BprKernel
{
    /// <summary>Takes the step; returns the loss ln(1 + e^−x) before it (x = b_i − b_j + p·(q_i − q_j)).</summary>
    /// <param name="p">The user's factors, updated.</param>
    /// <param name="qi">The positive item's factors, updated when <paramref name="updateItems"/>.</param>
    /// <param name="qj">The negative item's factors (another row than <paramref name="qi"/>), updated when <paramref name="updateItems"/>.</param>
    /// <param name="bi">The positive item's bias.</param>
    /// <param name="bj">The negative item's bias.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="reg">L2 penalty.</param>
    /// <param name="updateItems">False to keep the items fixed (fold-in of a new user).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(Span<float> p, Span<float> qi, Span<float> qj, ref float bi, ref float bj, float lr, float reg, bool updateItems)
    {
        int n = p.Length;
        if (qi.Length != n || qj.Length != n)
        {
            throw new ArgumentException("Factor rows of different lengths.");
        }

        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float ri = ref MemoryMarshal.GetReference(qi);
        ref float rj = ref MemoryMarshal.GetReference(qj);
        float x = bi - bj + Dot(ref rp, ref ri, ref rj, n);

        // σ(−x) and ln(1 + e^−x) from one exponential of −|x| (neither overflows); NaN stays NaN.
        float e = MathF.Exp(-MathF.Abs(x));
        float z = x >= 0 ? e / (1f + e) : 1f / (1f + e);
        float loss = MathF.Max(-x, 0f) + MathF.Log(1f + e);
        float c = 1f - (lr * reg);
        float g = lr * z;
        if (updateItems)
        {
            bi += lr * (z - (reg * bi));
            bj += lr * (-z - (reg * bj));
            UpdateAll(ref rp, ref ri, ref rj, n, c, g);
        }
        else
        {
            UpdateUser(ref rp, ref ri, ref rj, n, c, g);
        }

        return loss;
    }

    /// <summary>p·(q_i − q_j), in two accumulators per vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float rp, ref float ri, ref float rj, int n)
    {
        int f = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            for (; f <= n - 32; f += 32)
            {
                a0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref rp, (nuint)f), Vector512.LoadUnsafe(ref ri, (nuint)f) - Vector512.LoadUnsafe(ref rj, (nuint)f), a0);
                a1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref rp, (nuint)(f + 16)), Vector512.LoadUnsafe(ref ri, (nuint)(f + 16)) - Vector512.LoadUnsafe(ref rj, (nuint)(f + 16)), a1);
            }

            if (f <= n - 16)
            {
                a0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref rp, (nuint)f), Vector512.LoadUnsafe(ref ri, (nuint)f) - Vector512.LoadUnsafe(ref rj, (nuint)f), a0);
                f += 16;
            }

            sum = Vector512.Sum(a0 + a1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            for (; f <= n - 16; f += 16)
            {
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref rp, (nuint)f), Vector256.LoadUnsafe(ref ri, (nuint)f) - Vector256.LoadUnsafe(ref rj, (nuint)f), a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref rp, (nuint)(f + 8)), Vector256.LoadUnsafe(ref ri, (nuint)(f + 8)) - Vector256.LoadUnsafe(ref rj, (nuint)(f + 8)), a1);
            }

            if (f <= n - 8)
            {
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref rp, (nuint)f), Vector256.LoadUnsafe(ref ri, (nuint)f) - Vector256.LoadUnsafe(ref rj, (nuint)f), a0);
                f += 8;
            }

            sum = Vector256.Sum(a0 + a1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var a0 = Vector128<float>.Zero;
            var a1 = Vector128<float>.Zero;
            for (; f <= n - 8; f += 8)
            {
                a0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref rp, (nuint)f), Vector128.LoadUnsafe(ref ri, (nuint)f) - Vector128.LoadUnsafe(ref rj, (nuint)f), a0);
                a1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref rp, (nuint)(f + 4)), Vector128.LoadUnsafe(ref ri, (nuint)(f + 4)) - Vector128.LoadUnsafe(ref rj, (nuint)(f + 4)), a1);
            }

            if (f <= n - 4)
            {
                a0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref rp, (nuint)f), Vector128.LoadUnsafe(ref ri, (nuint)f) - Vector128.LoadUnsafe(ref rj, (nuint)f), a0);
                f += 4;
            }

            sum = Vector128.Sum(a0 + a1);
        }

        for (; f < n; f++)
        {
            sum += Unsafe.Add(ref rp, f) * (Unsafe.Add(ref ri, f) - Unsafe.Add(ref rj, f));
        }

        return sum;
    }

    /// <summary>The user's and both items' rows, each from the old values of the others.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateAll(ref float rp, ref float ri, ref float rj, int n, float c, float g)
    {
        int f = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vc = Vector512.Create(c);
            var vg = Vector512.Create(g);
            for (; f <= n - 16; f += 16)
            {
                var pv = Vector512.LoadUnsafe(ref rp, (nuint)f);
                var iv = Vector512.LoadUnsafe(ref ri, (nuint)f);
                var jv = Vector512.LoadUnsafe(ref rj, (nuint)f);
                var gp = vg * pv;
                Vector512.MultiplyAddEstimate(vc, iv, gp).StoreUnsafe(ref ri, (nuint)f);
                Vector512.MultiplyAddEstimate(vc, jv, -gp).StoreUnsafe(ref rj, (nuint)f);
                Vector512.MultiplyAddEstimate(vg, iv - jv, vc * pv).StoreUnsafe(ref rp, (nuint)f);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vc = Vector256.Create(c);
            var vg = Vector256.Create(g);
            for (; f <= n - 8; f += 8)
            {
                var pv = Vector256.LoadUnsafe(ref rp, (nuint)f);
                var iv = Vector256.LoadUnsafe(ref ri, (nuint)f);
                var jv = Vector256.LoadUnsafe(ref rj, (nuint)f);
                var gp = vg * pv;
                Vector256.MultiplyAddEstimate(vc, iv, gp).StoreUnsafe(ref ri, (nuint)f);
                Vector256.MultiplyAddEstimate(vc, jv, -gp).StoreUnsafe(ref rj, (nuint)f);
                Vector256.MultiplyAddEstimate(vg, iv - jv, vc * pv).StoreUnsafe(ref rp, (nuint)f);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var vc = Vector128.Create(c);
            var vg = Vector128.Create(g);
            for (; f <= n - 4; f += 4)
            {
                var pv = Vector128.LoadUnsafe(ref rp, (nuint)f);
                var iv = Vector128.LoadUnsafe(ref ri, (nuint)f);
                var jv = Vector128.LoadUnsafe(ref rj, (nuint)f);
                var gp = vg * pv;
                Vector128.MultiplyAddEstimate(vc, iv, gp).StoreUnsafe(ref ri, (nuint)f);
                Vector128.MultiplyAddEstimate(vc, jv, -gp).StoreUnsafe(ref rj, (nuint)f);
                Vector128.MultiplyAddEstimate(vg, iv - jv, vc * pv).StoreUnsafe(ref rp, (nuint)f);
            }
        }

        for (; f < n; f++)
        {
            float pf = Unsafe.Add(ref rp, f);
            float qif = Unsafe.Add(ref ri, f);
            float qjf = Unsafe.Add(ref rj, f);
            Unsafe.Add(ref ri, f) = (c * qif) + (g * pf);
            Unsafe.Add(ref rj, f) = (c * qjf) - (g * pf);
            Unsafe.Add(ref rp, f) = (c * pf) + (g * (qif - qjf));
        }
    }

    /// <summary>The user's row alone (the items' rows are read, not written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateUser(ref float rp, ref float ri, ref float rj, int n, float c, float g)
    {
        int f = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vc = Vector256.Create(c);
            var vg = Vector256.Create(g);
            for (; f <= n - 8; f += 8)
            {
                var d = Vector256.LoadUnsafe(ref ri, (nuint)f) - Vector256.LoadUnsafe(ref rj, (nuint)f);
                Vector256.MultiplyAddEstimate(vg, d, vc * Vector256.LoadUnsafe(ref rp, (nuint)f)).StoreUnsafe(ref rp, (nuint)f);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var vc = Vector128.Create(c);
            var vg = Vector128.Create(g);
            for (; f <= n - 4; f += 4)
            {
                var d = Vector128.LoadUnsafe(ref ri, (nuint)f) - Vector128.LoadUnsafe(ref rj, (nuint)f);
                Vector128.MultiplyAddEstimate(vg, d, vc * Vector128.LoadUnsafe(ref rp, (nuint)f)).StoreUnsafe(ref rp, (nuint)f);
            }
        }

        for (; f < n; f++)
        {
            float pf = Unsafe.Add(ref rp, f);
            Unsafe.Add(ref rp, f) = (c * pf) + (g * (Unsafe.Add(ref ri, f) - Unsafe.Add(ref rj, f)));
        }
    }
}
