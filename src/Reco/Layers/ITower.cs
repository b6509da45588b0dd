namespace Reco.Layers;

/// <summary>A tower: a model that maps raw inputs (user ids, titles, …) to embeddings.</summary>
/// <typeparam name="TInput">The raw feature type.</typeparam>
public interface ITower<TInput>
{
    /// <summary>Length of the embeddings it produces.</summary>
    int OutputDim { get; }

    /// <summary>Embeds a batch of inputs; <paramref name="embeddings"/> receives one row per input.</summary>
    void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings);
}
