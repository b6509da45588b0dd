using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reco.Numerics;

/// <summary>Selection of the k largest scores.</summary>
internal static class TopK
{
    /// <summary>
    /// Writes the indices of the <c>indices.Length</c> largest <paramref name="scores"/> into
    /// <paramref name="indices"/>, best first; equal scores keep the lower index first so results are
    /// deterministic. Indices for which <paramref name="exclude"/> returns true are skipped.
    /// Returns how many were written (fewer than requested when there are too few candidates).
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> indices, Func<int, bool>? exclude = null)
    {
        int k = Math.Min(indices.Length, scores.Length);
        if (k == 0)
        {
            return 0;
        }

        // A min-heap of the best k seen so far; its root is the weakest kept candidate.
        Span<int> heap = indices;
        int size = 0;
        int n = scores.Length;
        int i = 0;
        for (; i < n && size < k; i++)
        {
            if ((exclude is not null && exclude(i)) || float.IsNaN(scores[i]))
            {
                continue;
            }

            heap[size] = i;
            SiftUp(heap, scores, size);
            size++;
        }

        // Every kept index is below i, so a later score enters only when strictly greater than the root's:
        // runs of scores that are not are skipped a vector at a time (NaN compares false and is skipped too).
        while (i < n)
        {
            i = NextAbove(scores, i, scores[heap[0]]);
            if (i >= n)
            {
                break;
            }

            if (exclude is null || !exclude(i))
            {
                heap[0] = i;
                SiftDown(heap, scores, 0, size);
            }

            i++;
        }

        // Heap sort in place: repeatedly move the weakest to the end, giving best-first order.
        for (int end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, scores, 0, end);
        }

        return size;
    }

    /// <summary>The first index from <paramref name="from"/> on whose score is greater than <paramref name="threshold"/>, or the length.</summary>
    internal static int NextAbove(ReadOnlySpan<float> scores, int from, float threshold)
    {
        ref float start = ref MemoryMarshal.GetReference(scores);
        int n = scores.Length;
        int i = from;
        if (Vector512.IsHardwareAccelerated && i <= n - Vector256<float>.Count)
        {
            // The next 8 first, in 256 bits: a selection calls this about k·ln(n/k) times, and over a short
            // list most calls end within a few vectors, where the 512-bit compare and mask move cost more.
            uint near = Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)i), Vector256.Create(threshold)).ExtractMostSignificantBits();
            if (near != 0)
            {
                return i + BitOperations.TrailingZeroCount(near);
            }

            i += Vector256<float>.Count;
            var t = Vector512.Create(threshold);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                ulong above = Vector512.GreaterThan(Vector512.LoadUnsafe(ref start, (nuint)i), t).ExtractMostSignificantBits();
                if (above != 0)
                {
                    return i + BitOperations.TrailingZeroCount(above);
                }
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                uint above = Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)i), t).ExtractMostSignificantBits();
                if (above != 0)
                {
                    return i + BitOperations.TrailingZeroCount(above);
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var t = Vector128.Create(threshold);
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                uint above = Vector128.GreaterThan(Vector128.LoadUnsafe(ref start, (nuint)i), t).ExtractMostSignificantBits();
                if (above != 0)
                {
                    return i + BitOperations.TrailingZeroCount(above);
                }
            }
        }

        for (; i < n; i++)
        {
            if (Unsafe.Add(ref start, i) > threshold)
            {
                return i;
            }
        }

        return n;
    }

    private static bool Better(float s1, int i1, float s2, int i2) => s1 > s2 || (s1 == s2 && i1 < i2);

    private static void SiftUp(Span<int> heap, ReadOnlySpan<float> scores, int pos)
    {
        while (pos > 0)
        {
            int parent = (pos - 1) / 2;
            if (!Better(scores[heap[parent]], heap[parent], scores[heap[pos]], heap[pos]))
            {
                break;
            }

            (heap[parent], heap[pos]) = (heap[pos], heap[parent]);
            pos = parent;
        }
    }

    private static void SiftDown(Span<int> heap, ReadOnlySpan<float> scores, int pos, int size)
    {
        while (true)
        {
            int left = (2 * pos) + 1;
            if (left >= size)
            {
                return;
            }

            int weakest = left;
            int right = left + 1;
            if (right < size && Better(scores[heap[left]], heap[left], scores[heap[right]], heap[right]))
            {
                weakest = right;
            }

            if (!Better(scores[heap[pos]], heap[pos], scores[heap[weakest]], heap[weakest]))
            {
                return;
            }

            (heap[pos], heap[weakest]) = (heap[weakest], heap[pos]);
            pos = weakest;
        }
    }
}
