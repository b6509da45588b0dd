using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Reco.Numerics;

/// <summary>Cache-blocked matrix transposition.</summary>
internal static unsafe class Transpose
{
    /// <summary>target (columns × rows, row stride <paramref name="targetStride"/>) = sourceᵀ, each value times <paramref name="scale"/>.</summary>
    /// <remarks>
    /// With AVX, 8 × 8 blocks go through registers (eight row loads, the classic unpack-shuffle-permute network,
    /// eight row stores), so neither side is walked one float at a time down a column; the edges that do not fill
    /// a block are copied one value at a time. The in-batch loss transposes each batch's candidates this way.
    /// </remarks>
    public static void Blocked(ReadOnlySpan<float> source, int sourceStride, int rows, int columns, Span<float> target, int targetStride, float scale = 1f)
    {
        if (rows <= 0 || columns <= 0)
        {
            return;
        }

        if (source.Length < ((long)(rows - 1) * sourceStride) + columns || target.Length < ((long)(columns - 1) * targetStride) + rows)
        {
            throw new ArgumentException("The source or the target is too short for the shape.");
        }

        int r8 = Avx.IsSupported ? rows & ~7 : 0;
        int c8 = Avx.IsSupported ? columns & ~7 : 0;
        fixed (float* ps = source, pt = target)
        {
            if (r8 > 0 && c8 > 0)
            {
                Blocks8(ps, sourceStride, r8, c8, pt, targetStride, scale);
            }

            // What the 8 × 8 blocks left: the columns past c8 of every row, then the rows past r8 of the first c8 columns.
            Scalar(ps, sourceStride, 0, rows, c8, columns, pt, targetStride, scale);
            Scalar(ps, sourceStride, r8, rows, 0, c8, pt, targetStride, scale);
        }
    }

    private static void Scalar(float* source, int sourceStride, int r0, int r1, int c0, int c1, float* target, int targetStride, float scale)
    {
        const int tile = 32;
        for (int rb = r0; rb < r1; rb += tile)
        {
            int re = Math.Min(rb + tile, r1);
            for (int cb = c0; cb < c1; cb += tile)
            {
                int ce = Math.Min(cb + tile, c1);
                for (int c = cb; c < ce; c++)
                {
                    float* to = target + ((nint)c * targetStride);
                    for (int r = rb; r < re; r++)
                    {
                        to[r] = scale * source[((nint)r * sourceStride) + c];
                    }
                }
            }
        }
    }

    private static void Blocks8(float* source, int sourceStride, int rows, int columns, float* target, int targetStride, float scale)
    {
        var factor = Vector256.Create(scale);
        bool scaled = scale != 1f;
        for (int r = 0; r < rows; r += 8)
        {
            float* s = source + ((nint)r * sourceStride);
            for (int c = 0; c < columns; c += 8)
            {
                var r0 = Avx.LoadVector256(s + c);
                var r1 = Avx.LoadVector256(s + sourceStride + c);
                var r2 = Avx.LoadVector256(s + (2 * (nint)sourceStride) + c);
                var r3 = Avx.LoadVector256(s + (3 * (nint)sourceStride) + c);
                var r4 = Avx.LoadVector256(s + (4 * (nint)sourceStride) + c);
                var r5 = Avx.LoadVector256(s + (5 * (nint)sourceStride) + c);
                var r6 = Avx.LoadVector256(s + (6 * (nint)sourceStride) + c);
                var r7 = Avx.LoadVector256(s + (7 * (nint)sourceStride) + c);

                // Pairs of rows interleaved, then quadruples: s0 holds element 0 of rows 0–3 in its low half and
                // element 4 in its high half, s4 the same for rows 4–7, and so on; the permutes join the halves.
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var t4 = Avx.UnpackLow(r4, r5);
                var t5 = Avx.UnpackHigh(r4, r5);
                var t6 = Avx.UnpackLow(r6, r7);
                var t7 = Avx.UnpackHigh(r6, r7);
                var s0 = Avx.Shuffle(t0, t2, 0x44);
                var s1 = Avx.Shuffle(t0, t2, 0xEE);
                var s2 = Avx.Shuffle(t1, t3, 0x44);
                var s3 = Avx.Shuffle(t1, t3, 0xEE);
                var s4 = Avx.Shuffle(t4, t6, 0x44);
                var s5 = Avx.Shuffle(t4, t6, 0xEE);
                var s6 = Avx.Shuffle(t5, t7, 0x44);
                var s7 = Avx.Shuffle(t5, t7, 0xEE);

                float* t = target + ((nint)c * targetStride) + r;
                Store(Avx.Permute2x128(s0, s4, 0x20), t, scaled, factor);
                Store(Avx.Permute2x128(s1, s5, 0x20), t + targetStride, scaled, factor);
                Store(Avx.Permute2x128(s2, s6, 0x20), t + (2 * (nint)targetStride), scaled, factor);
                Store(Avx.Permute2x128(s3, s7, 0x20), t + (3 * (nint)targetStride), scaled, factor);
                Store(Avx.Permute2x128(s0, s4, 0x31), t + (4 * (nint)targetStride), scaled, factor);
                Store(Avx.Permute2x128(s1, s5, 0x31), t + (5 * (nint)targetStride), scaled, factor);
                Store(Avx.Permute2x128(s2, s6, 0x31), t + (6 * (nint)targetStride), scaled, factor);
                Store(Avx.Permute2x128(s3, s7, 0x31), t + (7 * (nint)targetStride), scaled, factor);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> row, float* to, bool scaled, Vector256<float> factor) =>
        (scaled ? row * factor : row).Store(to);
}
