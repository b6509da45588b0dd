using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A tower followed by layers, as <c>tf.keras.Sequential([UserModel(), Dense(32)])</c>: an input tower (a
/// <see cref="Concatenate{TInput}"/> of feature embeddings, say) whose output goes through
/// <see cref="Dense"/>, <see cref="Cross"/> or any other <see cref="ILayer"/>s. The TFRS deep-retrieval
/// tower is <c>new Stacked&lt;T&gt;(features, new Dense(64, Activation.Relu), new Dense(32))</c>.
/// </summary>
/// <typeparam name="TInput">The raw input type.</typeparam>
public sealed class Stacked<TInput> : ITower<TInput>
{
    private readonly LayerChain _chain;
    private float[] _inputEmbeddings = [];

    /// <summary>Chains <paramref name="input"/> and <paramref name="layers"/>, building each layer for the width before it.</summary>
    public Stacked(ITower<TInput> input, params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        _chain = new LayerChain(input.OutputDim, layers, nameof(layers));
    }

    /// <summary>The input tower.</summary>
    public ITower<TInput> Input { get; }

    /// <summary>The layers after the input tower, in order.</summary>
    public IReadOnlyList<ILayer> Layers => _chain.Layers;

    /// <inheritdoc/>
    public int OutputDim => _chain.OutputDim;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [.. Input.Variables, .. _chain.Variables];

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, OutputDim, embeddings);
        var hidden = new float[inputs.Length * Input.OutputDim];
        Input.Call(inputs, hidden);
        _chain.Call(hidden, inputs.Length, embeddings);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        int b = inputs.Length;
        Towers.CheckOutput(b, OutputDim, embeddings);
        Towers.Grow(ref _inputEmbeddings, b * Input.OutputDim);
        var hidden = _inputEmbeddings.AsSpan(0, b * Input.OutputDim);
        Input.Forward(inputs, hidden);
        _chain.Forward(hidden, b, embeddings);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Input.Backward(_chain.Backward(embeddingGradient, optimizer), optimizer);
    }
}
