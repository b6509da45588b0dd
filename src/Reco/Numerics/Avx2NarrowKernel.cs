using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Reco.Numerics;

/// <summary>
/// AVX2/FMA micro-kernel for short products: a 4 × 16 tile of C in 8 ymm accumulators. The 6 × 16
/// <see cref="Avx2Kernel"/> reuses each B load more, but on the 64-row blocks of training it computes two
/// rows twice at every block edge and stores them through the scalar partial path; four rows divide them.
/// </summary>
internal readonly unsafe struct Avx2NarrowKernel : IGemmKernel
{
    public static int Rows => 4;

    public static int Columns => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(
        int k, float* a, nint aRowStride, nint aColStride, float* b, nint ldb, float* c, nint ldc,
        bool accumulate, int skipRows, int skipColumns)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;

        nint rs = aRowStride;
        nint rs3 = 3 * rs;
        for (int p = 0; p < k; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[rs]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2 * rs]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[rs3]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            a += aColStride;
            b += ldb;
        }

        if ((skipRows | skipColumns) == 0)
        {
            StoreRow(c, c00, c01, accumulate);
            StoreRow(c + ldc, c10, c11, accumulate);
            StoreRow(c + (2 * ldc), c20, c21, accumulate);
            StoreRow(c + (3 * ldc), c30, c31, accumulate);
            return;
        }

        float* tile = stackalloc float[64];
        Avx.Store(tile, c00);
        Avx.Store(tile + 8, c01);
        Avx.Store(tile + 16, c10);
        Avx.Store(tile + 24, c11);
        Avx.Store(tile + 32, c20);
        Avx.Store(tile + 40, c21);
        Avx.Store(tile + 48, c30);
        Avx.Store(tile + 56, c31);

        GemmTileStore.Partial(tile, 4, 16, c, ldc, accumulate, skipRows, skipColumns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Avx.LoadVector256(c);
            v1 += Avx.LoadVector256(c + 8);
        }

        Avx.Store(c, v0);
        Avx.Store(c + 8, v1);
    }
}
