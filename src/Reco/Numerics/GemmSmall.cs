using System.Numerics;
using System.Runtime.CompilerServices;

namespace Reco.Numerics;

/// <summary>
/// Fallback for matrices smaller than one micro-kernel tile: each row of C is built as a sum of scaled
/// rows of B (vectorised along n). Handles any shape and stride.
/// </summary>
internal static unsafe class GemmSmall
{
    public static void Run(
        int m, int n, int k, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, bool accumulate)
    {
        int width = Vector<float>.Count;
        for (int i = 0; i < m; i++)
        {
            float* ci = c + (i * ldc);
            float* ai = a + (i * rs);
            if (!accumulate)
            {
                new Span<float>(ci, n).Clear();
            }

            for (int p = 0; p < k; p++)
            {
                float s = ai[p * cs];
                float* bp = b + (p * ldb);
                var sv = new Vector<float>(s);
                int j = 0;
                for (; j <= n - width; j += width)
                {
                    var cv = Unsafe.ReadUnaligned<Vector<float>>(ci + j);
                    var bv = Unsafe.ReadUnaligned<Vector<float>>(bp + j);
                    Unsafe.WriteUnaligned(ci + j, Vector.MultiplyAddEstimate(sv, bv, cv));
                }

                for (; j < n; j++)
                {
                    ci[j] += s * bp[j];
                }
            }
        }
    }
}
