using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Numerics;

/// <summary>
/// Row softmax kernels for the in-batch loss: a max pass, a fused <c>exp(x − max)</c>-and-sum pass and a
/// scale pass, each vectorised (AVX-512, then 256-bit, then scalar). They run on rows that sit in cache,
/// where the general-purpose <c>TensorPrimitives</c> versions (which honour every IEEE corner case of
/// max and exp) measured several times slower.
/// </summary>
internal static class Softmax
{
    // exp(x) = 2^n · exp(r), n = round(x·log2 e), r = x − n·ln 2 (ln 2 split in two for accuracy),
    // exp(r) by the Cephes single-precision polynomial; relative error ≈ 1e-7 on the whole range.
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float RoundingMagic = 12582912f; // 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits.
    private const float MinInput = -87.3f; // below this exp underflows; the result is 0.
    private const float MaxInput = 88.7f;
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    /// <summary>The largest value (NaN-unaware: NaNs are ignored or propagated depending on position). Empty input gives −∞.</summary>
    /// <remarks>
    /// The loops use the instruction's own maximum (<c>MaxNative</c>): the IEEE-exact <c>Max</c>, which orders −0 below +0 and
    /// returns any NaN, takes several instructions a vector without AVX-512 (AVX2's max ran at a fifth of AVX-512's). A NaN
    /// still reaches the loss, through the exponentials, whose clamp keeps the exact form.
    /// </remarks>
    public static float Max(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length;
        int i = 0;
        float max = float.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var m = Vector512.Create(float.NegativeInfinity);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(m.GetLower(), m.GetUpper());
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var m = Vector256.Create(float.NegativeInfinity);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(m, m);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var m = Vector128.Create(float.NegativeInfinity);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                m = Vector128.MaxNative(m, Vector128.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(m);
        }

        for (; i < n; i++)
        {
            max = Math.Max(max, Unsafe.Add(ref start, i));
        }

        return max;
    }

    /// <summary>Replaces each value x with <c>exp(x − shift)</c> and returns the sum of the results.</summary>
    public static float ExpShiftedInPlace(Span<float> values, float shift)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length;
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var s = Vector512<float>.Zero;
            var c = Vector512.Create(shift);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var e = Exp(Vector512.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s += e;
            }

            sum = Vector512.Sum(s);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var s = Vector256<float>.Zero;
            var c = Vector256.Create(shift);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var e = Exp(Vector256.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s += e;
            }

            sum = Vector256.Sum(s);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var s = Vector128<float>.Zero;
            var c = Vector128.Create(shift);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var e = Exp(Vector128.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s += e;
            }

            sum = Vector128.Sum(s);
        }

        for (; i < n; i++)
        {
            float e = ExpScalar(Unsafe.Add(ref start, i) - shift);
            Unsafe.Add(ref start, i) = e;
            sum += e;
        }

        return sum;
    }

    /// <summary>
    /// Replaces each value x with <c>exp(x − shift)</c> and returns the weighted sum Σ wᵢ·exp(xᵢ − shift),
    /// the normaliser of a softmax in which value i stands for <c>wᵢ</c> identical entries.
    /// </summary>
    public static float ExpShiftedInPlace(Span<float> values, float shift, ReadOnlySpan<float> weights)
    {
        if (weights.Length < values.Length)
        {
            throw new ArgumentException("One weight per value is needed.", nameof(weights));
        }

        ref float start = ref MemoryMarshal.GetReference(values);
        ref float w = ref MemoryMarshal.GetReference(weights);
        int n = values.Length;
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var s = Vector512<float>.Zero;
            var c = Vector512.Create(shift);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var e = Exp(Vector512.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s = Vector512.FusedMultiplyAdd(e, Vector512.LoadUnsafe(ref w, (nuint)i), s);
            }

            sum = Vector512.Sum(s);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var s = Vector256<float>.Zero;
            var c = Vector256.Create(shift);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var e = Exp(Vector256.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s = Vector256.FusedMultiplyAdd(e, Vector256.LoadUnsafe(ref w, (nuint)i), s);
            }

            sum = Vector256.Sum(s);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var s = Vector128<float>.Zero;
            var c = Vector128.Create(shift);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var e = Exp(Vector128.LoadUnsafe(ref start, (nuint)i) - c);
                e.StoreUnsafe(ref start, (nuint)i);
                s = Vector128.MultiplyAddEstimate(e, Vector128.LoadUnsafe(ref w, (nuint)i), s);
            }

            sum = Vector128.Sum(s);
        }

        for (; i < n; i++)
        {
            float e = ExpScalar(Unsafe.Add(ref start, i) - shift);
            Unsafe.Add(ref start, i) = e;
            sum += e * Unsafe.Add(ref w, i);
        }

        return sum;
    }

    /// <summary>Multiplies each value by its weight and by <paramref name="factor"/>.</summary>
    public static void Scale(Span<float> values, ReadOnlySpan<float> weights, float factor)
    {
        if (weights.Length < values.Length)
        {
            throw new ArgumentException("One weight per value is needed.", nameof(weights));
        }

        ref float start = ref MemoryMarshal.GetReference(values);
        ref float w = ref MemoryMarshal.GetReference(weights);
        int n = values.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var f = Vector512.Create(factor);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                (Vector512.LoadUnsafe(ref start, (nuint)i) * Vector512.LoadUnsafe(ref w, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var f = Vector256.Create(factor);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref start, (nuint)i) * Vector256.LoadUnsafe(ref w, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var f = Vector128.Create(factor);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref start, (nuint)i) * Vector128.LoadUnsafe(ref w, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref start, i) *= Unsafe.Add(ref w, i) * factor;
        }
    }

    /// <summary>Multiplies every value by <paramref name="factor"/>.</summary>
    public static void Scale(Span<float> values, float factor)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var f = Vector512.Create(factor);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                (Vector512.LoadUnsafe(ref start, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var f = Vector256.Create(factor);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref start, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var f = Vector128.Create(factor);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref start, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref start, i) *= factor;
        }
    }

    /// <summary>Vectorised single-precision exp (0 below −87.3, +∞ above 88.7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var underflow = Vector512.LessThan(x, Vector512.Create(MinInput));
        var overflow = Vector512.GreaterThan(x, Vector512.Create(MaxInput));
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var n = shifted - Vector512.Create(RoundingMagic);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;

        // 2^n: the integer n sits in the low bits of `shifted`; move it into the exponent field.
        var bits = (shifted.AsInt32() - Vector512.Create(RoundingMagic).AsInt32()) << 23;
        var result = (p.AsInt32() + bits).AsSingle();
        result = Vector512.ConditionalSelect(underflow, Vector512<float>.Zero, result);
        return Vector512.ConditionalSelect(overflow, Vector512.Create(float.PositiveInfinity), result);
    }

    /// <summary>Vectorised single-precision exp for 256-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var underflow = Vector256.LessThan(x, Vector256.Create(MinInput));
        var overflow = Vector256.GreaterThan(x, Vector256.Create(MaxInput));
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        var shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        var n = shifted - Vector256.Create(RoundingMagic);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var bits = (shifted.AsInt32() - Vector256.Create(RoundingMagic).AsInt32()) << 23;
        var result = (p.AsInt32() + bits).AsSingle();
        result = Vector256.ConditionalSelect(underflow, Vector256<float>.Zero, result);
        return Vector256.ConditionalSelect(overflow, Vector256.Create(float.PositiveInfinity), result);
    }

    /// <summary>
    /// Vectorised single-precision exp for 128-bit vectors, the path of CPUs without AVX2 (and of Arm).
    /// Multiply-adds are fused where the hardware has FMA and plain otherwise: emulating a fused one
    /// costs far more than the last bit it would give.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        var underflow = Vector128.LessThan(x, Vector128.Create(MinInput));
        var overflow = Vector128.GreaterThan(x, Vector128.Create(MaxInput));
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        var shifted = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        var n = shifted - Vector128.Create(RoundingMagic);
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Hi), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Lo), r);
        var p = Vector128.MultiplyAddEstimate(Vector128.Create(P0), r, Vector128.Create(P1));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P2));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P3));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P4));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P5));
        p = Vector128.MultiplyAddEstimate(p, r * r, r) + Vector128<float>.One;
        var bits = (shifted.AsInt32() - Vector128.Create(RoundingMagic).AsInt32()) << 23;
        var result = (p.AsInt32() + bits).AsSingle();
        result = Vector128.ConditionalSelect(underflow, Vector128<float>.Zero, result);
        return Vector128.ConditionalSelect(overflow, Vector128.Create(float.PositiveInfinity), result);
    }

    /// <summary>
    /// Scalar exp with the vector paths' range: 0 below −87.3 and +∞ above 88.7 (where the vector paths
    /// clamp), the runtime's correctly rounded exp in between (within the vector paths' 1e-7).
    /// </summary>
    internal static float ExpScalar(float x) => x < MinInput ? 0f : x > MaxInput ? float.PositiveInfinity : MathF.Exp(x);

    private static float HorizontalMax(Vector128<float> m)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < Vector128<float>.Count; i++)
        {
            max = Math.Max(max, m[i]);
        }

        return max;
    }

    private static float HorizontalMax(Vector256<float> a, Vector256<float> b)
    {
        var m = Vector256.Max(a, b);
        var m128 = Vector128.Max(m.GetLower(), m.GetUpper());
        float max = float.NegativeInfinity;
        for (int i = 0; i < Vector128<float>.Count; i++)
        {
            max = Math.Max(max, m128[i]);
        }

        return max;
    }
}
