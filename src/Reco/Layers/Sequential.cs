using Reco.Data;

namespace Reco.Layers;

/// <summary>
/// A lookup followed by an embedding, the tower of the TFRS quickstart:
/// <c>tf.keras.Sequential([StringLookup(...), Embedding(vocab, 64)])</c>.
/// </summary>
/// <typeparam name="TInput">The raw feature type (for example the user id string).</typeparam>
public sealed class Sequential<TInput> : ITower<TInput>
{
    /// <summary>Chains <paramref name="lookup"/> and <paramref name="embedding"/>.</summary>
    public Sequential(IIndexLookup<TInput> lookup, Embedding embedding)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(embedding);
        if (embedding.InputDim < lookup.VocabularySize)
        {
            throw new ArgumentException(
                $"The embedding has {embedding.InputDim} rows but the lookup's vocabulary has {lookup.VocabularySize} entries.",
                nameof(embedding));
        }

        Lookup = lookup;
        Embedding = embedding;
    }

    /// <summary>The vocabulary layer.</summary>
    public IIndexLookup<TInput> Lookup { get; }

    /// <summary>The trainable embedding table.</summary>
    public Embedding Embedding { get; }

    /// <inheritdoc/>
    public int OutputDim => Embedding.OutputDim;

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        var indices = new int[inputs.Length];
        Lookup.Lookup(inputs, indices);
        Embedding.Gather(indices, embeddings);
    }

    /// <summary>The embedding of one input.</summary>
    public float[] Call(TInput input)
    {
        var output = new float[OutputDim];
        Embedding.Row(Lookup.Lookup(input)).CopyTo(output);
        return output;
    }

    /// <summary>Embeds every input, like <c>model.predict</c>.</summary>
    public EmbeddingMatrix Predict(IReadOnlyList<TInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var data = new float[inputs.Count * OutputDim];
        var array = inputs as TInput[] ?? [.. inputs];
        Call(array, data);
        return new EmbeddingMatrix(array.Length, OutputDim, data);
    }

    internal int[] LookupAll(IReadOnlyList<TInput> inputs)
    {
        var indices = new int[inputs.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = Lookup.Lookup(inputs[i]);
        }

        return indices;
    }
}
