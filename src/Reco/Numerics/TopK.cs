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
        for (int i = 0; i < scores.Length; i++)
        {
            if (exclude is not null && exclude(i))
            {
                continue;
            }

            float s = scores[i];
            if (float.IsNaN(s))
            {
                continue;
            }

            if (size < k)
            {
                heap[size] = i;
                SiftUp(heap, scores, size);
                size++;
            }
            else if (Better(s, i, scores[heap[0]], heap[0]))
            {
                heap[0] = i;
                SiftDown(heap, scores, 0, size);
            }
        }

        // Heap sort in place: repeatedly move the weakest to the end, giving best-first order.
        for (int end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, scores, 0, end);
        }

        return size;
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
