using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Models.Factorization;

/// <summary>Vectorised updates of a pair of factor rows, the inner loop of every SGD model here.</summary>
internal static class SgdKernels
{
    /// <summary>
    /// The simultaneous update p += lr·(gp·q − reg·p), q += lr·(gq·p − reg·q), both from the old values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UpdatePair(Span<float> p, Span<float> q, float gp, float gq, float lr, float reg)
    {
        int n = p.Length;
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int f = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vgp = Vector512.Create(gp);
            var vgq = Vector512.Create(gq);
            var vlr = Vector512.Create(lr);
            var vreg = Vector512.Create(reg);
            for (; f <= n - 16; f += 16)
            {
                var pv = Vector512.LoadUnsafe(ref rp, (nuint)f);
                var qv = Vector512.LoadUnsafe(ref rq, (nuint)f);
                (pv + (vlr * ((vgp * qv) - (vreg * pv)))).StoreUnsafe(ref rp, (nuint)f);
                (qv + (vlr * ((vgq * pv) - (vreg * qv)))).StoreUnsafe(ref rq, (nuint)f);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vgp = Vector256.Create(gp);
            var vgq = Vector256.Create(gq);
            var vlr = Vector256.Create(lr);
            var vreg = Vector256.Create(reg);
            for (; f <= n - 8; f += 8)
            {
                var pv = Vector256.LoadUnsafe(ref rp, (nuint)f);
                var qv = Vector256.LoadUnsafe(ref rq, (nuint)f);
                (pv + (vlr * ((vgp * qv) - (vreg * pv)))).StoreUnsafe(ref rp, (nuint)f);
                (qv + (vlr * ((vgq * pv) - (vreg * qv)))).StoreUnsafe(ref rq, (nuint)f);
            }
        }

        for (; f < n; f++)
        {
            float pf = p[f];
            float qf = q[f];
            p[f] = pf + (lr * ((gp * qf) - (reg * pf)));
            q[f] = qf + (lr * ((gq * pf) - (reg * qf)));
        }
    }
}
