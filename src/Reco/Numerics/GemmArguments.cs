namespace Reco.Numerics;

/// <summary>Up-front checks that make the pointer arithmetic in the kernels safe.</summary>
internal static class GemmArguments
{
    public static void Validate(
        int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        ReadOnlySpan<float> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(aRowStride);
        ArgumentOutOfRangeException.ThrowIfNegative(aColStride);
        ArgumentOutOfRangeException.ThrowIfLessThan(ldb, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(ldc, n);

        if (m > 0 && k > 0 && a.Length < Extent(m, aRowStride, k, aColStride))
        {
            throw new ArgumentException(
                $"A needs at least {Extent(m, aRowStride, k, aColStride)} elements for {m}×{k} with strides ({aRowStride}, {aColStride}) but has {a.Length}.",
                nameof(a));
        }

        if (k > 0 && n > 0 && b.Length < Extent(k, ldb, n, 1))
        {
            throw new ArgumentException(
                $"B needs at least {Extent(k, ldb, n, 1)} elements for {k}×{n} with ldb {ldb} but has {b.Length}.",
                nameof(b));
        }

        if (m > 0 && n > 0)
        {
            if (c.Length < Extent(m, ldc, n, 1))
            {
                throw new ArgumentException(
                    $"C needs at least {Extent(m, ldc, n, 1)} elements for {m}×{n} with ldc {ldc} but has {c.Length}.",
                    nameof(c));
            }

            if ((k > 0 && c.Overlaps(a)) || (k > 0 && c.Overlaps(b)))
            {
                throw new ArgumentException("C must not overlap A or B.", nameof(c));
            }
        }
    }

    /// <summary>Elements spanned by a rows × cols view: index of the last element plus one.</summary>
    private static long Extent(int rows, int rowStride, int cols, int colStride)
        => ((long)(rows - 1) * rowStride) + ((long)(cols - 1) * colStride) + 1;
}
