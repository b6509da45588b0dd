namespace Reco.Numerics;

/// <summary>Store of an edge tile that overlaps an earlier one: only the not-yet-written part goes to C.</summary>
internal static unsafe class GemmTileStore
{
    public static void Partial(
        float* tile, int rows, int columns, float* c, nint ldc, bool accumulate, int skipRows, int skipColumns)
    {
        for (int r = skipRows; r < rows; r++)
        {
            float* src = tile + (r * columns);
            float* dst = c + (r * ldc);
            for (int j = skipColumns; j < columns; j++)
            {
                dst[j] = accumulate ? dst[j] + src[j] : src[j];
            }
        }
    }
}
