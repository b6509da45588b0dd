using System.Runtime.CompilerServices;

namespace Reco.Data.Parsing;

/// <summary>Splits a delimited line into field ranges without allocating.</summary>
internal static class FieldSplitter
{
    /// <summary>
    /// Writes the range of each field of <paramref name="line"/> into <paramref name="fields"/> and returns
    /// how many fields the line has. When the line has more fields than <paramref name="fields"/> can hold,
    /// the extra ones are counted but not stored.
    /// </summary>
    // Called once per line of a one-shot load: compile it optimized up front instead of in the unoptimized first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(ReadOnlySpan<byte> line, byte separator, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int offset = line[start..].IndexOf(separator);
            int end = offset < 0 ? line.Length : start + offset;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }

            count++;
            if (offset < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }
}
