using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A tower: a model that maps raw inputs (user ids, titles, feature records, histories) to embeddings of
/// <see cref="OutputDim"/> values. The two-tower model, <see cref="Metrics.FactorizedTopK{TCandidate}"/> and
/// <see cref="Indexes.BruteForce{TQuery, TIdentifier}"/> see towers only through this interface, so any
/// tower (an id embedding, a stack of dense layers, a feature or sequence model) plugs into them.
/// </summary>
/// <typeparam name="TInput">The raw input type.</typeparam>
public interface ITower<TInput>
{
    /// <summary>Length of the embeddings it produces.</summary>
    int OutputDim { get; }

    /// <summary>The trainable weights, in a fixed order (for saving and for checks such as divergence).</summary>
    IReadOnlyList<Variable> Variables { get; }

    /// <summary>Embeds a batch of inputs for inference; <paramref name="embeddings"/> receives one row per input. Safe to call concurrently.</summary>
    void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings);

    /// <summary>Embeds a training batch, remembering what <see cref="Backward"/> needs.</summary>
    void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings);

    /// <summary>
    /// Given ∂loss/∂embeddings for the batch of the last <see cref="Forward"/> (one row per input),
    /// propagates it through the tower and updates every weight with <paramref name="optimizer"/>.
    /// </summary>
    void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer);
}
