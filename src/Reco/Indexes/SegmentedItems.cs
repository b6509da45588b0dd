namespace Reco.Indexes;

/// <summary>
/// Item vectors stored as consecutive segments, each transposed (d rows of <c>length</c> floats), so a
/// batch of queries times a segment is one matrix product with row-major operands. Positions number the
/// items in storage order; segment s holds positions [Start[s], Start[s] + Length[s]).
/// </summary>
internal sealed class SegmentedItems
{
    private SegmentedItems(int dimension, float[] data, int[] start)
    {
        Dimension = dimension;
        Data = data;
        Start = start;
    }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>All segments, pinned; segment s begins at <c>Start[s] * Dimension</c>.</summary>
    public float[] Data { get; }

    /// <summary>First position of each segment, plus the total count at the end.</summary>
    public int[] Start { get; }

    public int SegmentCount => Start.Length - 1;

    public int Count => Start[^1];

    public int Length(int segment) => Start[segment + 1] - Start[segment];

    /// <summary>
    /// Stores <paramref name="rows"/> (row-major, in position order) cut at <paramref name="start"/>
    /// (segment boundaries, ending with the row count).
    /// </summary>
    public static unsafe SegmentedItems FromRows(ReadOnlySpan<float> rows, int dimension, int[] start)
    {
        var data = GC.AllocateUninitializedArray<float>(rows.Length, pinned: true);
        int segments = start.Length - 1;
        fixed (float* pinned = rows)
        {
            nint source = (nint)pinned;
            Parallel.For(0, segments, s =>
            {
                int first = start[s];
                int length = start[s + 1] - first;
                var block = data.AsSpan(first * dimension, length * dimension);
                for (int i = 0; i < length; i++)
                {
                    float* row = (float*)source + ((nint)(first + i) * dimension);
                    for (int p = 0; p < dimension; p++)
                    {
                        block[(p * length) + i] = row[p];
                    }
                }
            });
        }

        return new SegmentedItems(dimension, data, start);
    }

    /// <summary>Fixed-size segments of <paramref name="segmentLength"/> items (the last may be shorter).</summary>
    public static int[] Uniform(int count, int segmentLength)
    {
        int segments = (count + segmentLength - 1) / segmentLength;
        var start = new int[segments + 1];
        for (int s = 0; s <= segments; s++)
        {
            start[s] = Math.Min(count, s * segmentLength);
        }

        return start;
    }

    /// <summary>The items back as row-major vectors, in position order.</summary>
    public float[] ToRows()
    {
        int d = Dimension;
        var rows = new float[Data.Length];
        Parallel.For(0, SegmentCount, s =>
        {
            int first = Start[s];
            int length = Length(s);
            var block = Data.AsSpan(first * d, length * d);
            for (int i = 0; i < length; i++)
            {
                for (int p = 0; p < d; p++)
                {
                    rows[((first + i) * d) + p] = block[(p * length) + i];
                }
            }
        });
        return rows;
    }

    /// <summary>Element p of the item at <paramref name="position"/> in segment <paramref name="segment"/>.</summary>
    public float Get(int segment, int position, int p)
    {
        int first = Start[segment];
        return Data[(first * Dimension) + (p * Length(segment)) + (position - first)];
    }
}
