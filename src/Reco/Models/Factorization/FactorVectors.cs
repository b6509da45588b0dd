namespace Reco.Models.Factorization;

/// <summary>Factor rows with an item bias folded in as one extra coordinate, for <see cref="IVectorModel"/>.</summary>
internal static class FactorVectors
{
    /// <summary>Writes [q_i, b_i] for every item (factors + 1 floats a row).</summary>
    public static void ItemsWithBias(ReadOnlySpan<float> factors, ReadOnlySpan<float> biases, int dimension, Span<float> vectors)
    {
        int width = dimension + 1;
        if (vectors.Length < biases.Length * width)
        {
            throw new ArgumentException($"Expected room for {biases.Length} vectors of {width} values.", nameof(vectors));
        }

        for (int i = 0; i < biases.Length; i++)
        {
            factors.Slice(i * dimension, dimension).CopyTo(vectors.Slice(i * width, dimension));
            vectors[(i * width) + dimension] = biases[i];
        }
    }

    /// <summary>Writes [p_u, 1]: the 1 picks up the item's bias.</summary>
    public static void UserWithBias(ReadOnlySpan<float> factors, int user, int dimension, Span<float> vector)
    {
        factors.Slice(user * dimension, dimension).CopyTo(vector);
        vector[dimension] = 1f;
    }
}
