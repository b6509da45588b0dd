using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Numerics;

/// <summary>Vectorised counting kernels used by the top-k metrics.</summary>
internal static class Counting
{
    /// <summary>
    /// Counts the values strictly greater than <paramref name="threshold"/>. This is the rank of a
    /// positive's score among candidate scores, with ties counted in the positive's favour as
    /// <c>tf.math.in_top_k</c> does.
    /// </summary>
    public static int CountGreaterThan(ReadOnlySpan<float> values, float threshold) => CountGreaterThan(values, threshold, int.MaxValue);

    /// <summary>
    /// The same count, but the scan stops once it reaches <paramref name="stopAt"/>: the result is exact below
    /// it and at least <paramref name="stopAt"/> otherwise. A rank only matters below the largest cut-off, and
    /// most positives' ranks are far above it, so most scans end early.
    /// </summary>
    public static int CountGreaterThan(ReadOnlySpan<float> values, float threshold, int stopAt)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length;
        int i = 0;
        int count = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var t = Vector512.Create(threshold);
            for (; i <= n - Vector512<float>.Count && count < stopAt; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                count += BitOperations.PopCount(Vector512.GreaterThan(v, t).ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var t = Vector256.Create(threshold);
            for (; i <= n - Vector256<float>.Count && count < stopAt; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                count += BitOperations.PopCount(Vector256.GreaterThan(v, t).ExtractMostSignificantBits());
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var t = Vector128.Create(threshold);
            for (; i <= n - Vector128<float>.Count && count < stopAt; i += Vector128<float>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                count += BitOperations.PopCount(Vector128.GreaterThan(v, t).ExtractMostSignificantBits());
            }
        }

        for (; i < n && count < stopAt; i++)
        {
            if (Unsafe.Add(ref start, i) > threshold)
            {
                count++;
            }
        }

        return count;
    }
}
