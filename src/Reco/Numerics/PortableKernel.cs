using System.Numerics;
using System.Runtime.CompilerServices;

namespace Reco.Numerics;

/// <summary>
/// Hardware-independent micro-kernel: a 4 × (2 · <see cref="Vector{T}.Count"/>) tile of C in
/// <see cref="Vector{T}"/> accumulators.
/// </summary>
internal readonly unsafe struct PortableKernel : IGemmKernel
{
    public static int Rows => 4;

    public static int Columns => 2 * Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(
        int k, float* a, nint aRowStride, nint aColStride, float* b, nint ldb, float* c, nint ldc,
        bool accumulate, int skipRows, int skipColumns)
    {
        int w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default;
        Vector<float> c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default;

        nint rs = aRowStride;
        for (int p = 0; p < k; p++)
        {
            var b0 = Unsafe.ReadUnaligned<Vector<float>>(b);
            var b1 = Unsafe.ReadUnaligned<Vector<float>>(b + w);
            var x = new Vector<float>(a[0]);
            c00 = Vector.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector.MultiplyAddEstimate(x, b1, c01);
            x = new Vector<float>(a[rs]);
            c10 = Vector.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector.MultiplyAddEstimate(x, b1, c11);
            x = new Vector<float>(a[2 * rs]);
            c20 = Vector.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector.MultiplyAddEstimate(x, b1, c21);
            x = new Vector<float>(a[3 * rs]);
            c30 = Vector.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector.MultiplyAddEstimate(x, b1, c31);
            a += aColStride;
            b += ldb;
        }

        int nr = 2 * w;
        if ((skipRows | skipColumns) == 0)
        {
            StoreRow(c, w, c00, c01, accumulate);
            StoreRow(c + ldc, w, c10, c11, accumulate);
            StoreRow(c + (2 * ldc), w, c20, c21, accumulate);
            StoreRow(c + (3 * ldc), w, c30, c31, accumulate);
            return;
        }

        float* tile = stackalloc float[4 * nr];
        Unsafe.WriteUnaligned(tile, c00);
        Unsafe.WriteUnaligned(tile + w, c01);
        Unsafe.WriteUnaligned(tile + nr, c10);
        Unsafe.WriteUnaligned(tile + nr + w, c11);
        Unsafe.WriteUnaligned(tile + (2 * nr), c20);
        Unsafe.WriteUnaligned(tile + (2 * nr) + w, c21);
        Unsafe.WriteUnaligned(tile + (3 * nr), c30);
        Unsafe.WriteUnaligned(tile + (3 * nr) + w, c31);
        GemmTileStore.Partial(tile, 4, nr, c, ldc, accumulate, skipRows, skipColumns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, int w, Vector<float> v0, Vector<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Unsafe.ReadUnaligned<Vector<float>>(c);
            v1 += Unsafe.ReadUnaligned<Vector<float>>(c + w);
        }

        Unsafe.WriteUnaligned(c, v0);
        Unsafe.WriteUnaligned(c + w, v1);
    }
}
