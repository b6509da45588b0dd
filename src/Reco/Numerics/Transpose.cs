namespace Reco.Numerics;

/// <summary>Cache-blocked matrix transposition.</summary>
internal static class Transpose
{
    /// <summary>target (columns × rows, row stride <paramref name="targetStride"/>) = sourceᵀ, each value times <paramref name="scale"/>.</summary>
    public static void Blocked(ReadOnlySpan<float> source, int sourceStride, int rows, int columns, Span<float> target, int targetStride, float scale = 1f)
    {
        const int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile)
        {
            int r1 = Math.Min(r0 + tile, rows);
            for (int c0 = 0; c0 < columns; c0 += tile)
            {
                int c1 = Math.Min(c0 + tile, columns);
                for (int c = c0; c < c1; c++)
                {
                    var to = target.Slice(c * targetStride);
                    for (int r = r0; r < r1; r++)
                    {
                        to[r] = scale * source[(r * sourceStride) + c];
                    }
                }
            }
        }
    }
}
