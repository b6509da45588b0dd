namespace Reco.Layers;

/// <summary>A batch of embeddings: <see cref="Count"/> rows of <see cref="Dimension"/> values, row-major.</summary>
public sealed class EmbeddingMatrix
{
    /// <summary>Wraps row-major data.</summary>
    public EmbeddingMatrix(int count, int dimension, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < count * dimension)
        {
            throw new ArgumentException($"Need {count * dimension} values, got {data.Length}.", nameof(data));
        }

        Count = count;
        Dimension = dimension;
        Data = data;
    }

    /// <summary>Number of embeddings.</summary>
    public int Count { get; }

    /// <summary>Length of each embedding.</summary>
    public int Dimension { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The embedding in row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> this[int row] => Data.AsSpan(row * Dimension, Dimension);
}
