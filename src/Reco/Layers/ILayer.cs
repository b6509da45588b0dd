using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A trainable layer on batches of vectors: <c>batch</c> rows of <see cref="InputDim"/> values in,
/// <c>batch</c> rows of <see cref="OutputDim"/> values out, row-major. <see cref="Call"/> is the
/// stateless inference path (safe to run concurrently); <see cref="Forward"/> keeps what
/// <see cref="Backward"/> needs to propagate the loss gradient and update the weights.
/// </summary>
public interface ILayer
{
    /// <summary>Values per input row.</summary>
    int InputDim { get; }

    /// <summary>Values per output row.</summary>
    int OutputDim { get; }

    /// <summary>The layer's weights, named for saving.</summary>
    IReadOnlyList<Variable> Variables { get; }

    /// <summary>The layer's kind and shape, enough to rebuild it with <see cref="LayerConfig.Create"/>.</summary>
    LayerConfig Config { get; }

    /// <summary>Computes the outputs of a batch without remembering anything.</summary>
    void Call(ReadOnlySpan<float> inputs, int batch, Span<float> outputs);

    /// <summary>Computes the outputs of a training batch, remembering what <see cref="Backward"/> needs.</summary>
    void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> outputs);

    /// <summary>
    /// Given ∂loss/∂outputs of the last <see cref="Forward"/> batch, writes ∂loss/∂inputs into
    /// <paramref name="inputGradient"/> (unless it is empty) and updates the weights with <paramref name="optimizer"/>.
    /// </summary>
    void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer);
}
