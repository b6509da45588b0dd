namespace Reco.Layers;

/// <summary>Checks and buffers the towers share.</summary>
internal static class Towers
{
    public static void CheckOutput(int count, int width, Span<float> embeddings)
    {
        if (embeddings.Length < (long)count * width)
        {
            throw new ArgumentException($"{count} inputs need {(long)count * width} output values, got {embeddings.Length}.", nameof(embeddings));
        }
    }

    /// <summary>Makes <paramref name="array"/> hold at least <paramref name="length"/> elements (its contents are not kept).</summary>
    public static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
