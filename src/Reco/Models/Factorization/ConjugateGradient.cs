using System.Numerics.Tensors;

namespace Reco.Models.Factorization;

/// <summary>
/// The conjugate-gradient step of implicit ALS (Takács et al. 2011, as in the <c>implicit</c> library):
/// a few CG iterations, warm-started from the current factor x, towards the solution of
/// (YᵀY + λI + Σ_i (c_i − 1) y_i y_iᵀ) x = Σ_i c_i y_i, touching only the rows y_i of the items the
/// entity interacted with.
/// </summary>
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
        TensorPrimitives.Negate(r, r);
        ConfidenceGather.Accumulate(other, indices, confidence, x, r, residual: true);

        r.CopyTo(p);
        float rsOld = TensorPrimitives.Dot(r, r);
        for (int it = 0; it < steps && rsOld > 1e-20f; it++)
        {
            ConfidenceGather.SymmetricMatVec(gram, p, ap);
            ConfidenceGather.Accumulate(other, indices, confidence, p, ap, residual: false);

            float alpha = rsOld / TensorPrimitives.Dot(p, ap);
            TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd(ap, -alpha, r, r);
            float rsNew = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }
}
