using Reco.Data;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A tower made of a sequence of layers, as <c>tf.keras.Sequential</c>: a lookup that turns raw inputs
/// into indices, an <see cref="Embedding"/>, then any number of vector layers such as <see cref="Dense"/>.
/// The TFRS quickstart's tower is <c>Sequential([StringLookup(...), Embedding(vocab, 64)])</c>; a deep
/// tower adds <c>new Dense(64, Activation.Relu), new Dense(32)</c>.
/// </summary>
/// <typeparam name="TInput">The raw feature type (for example the user id string).</typeparam>
public sealed class Sequential<TInput> : ITower<TInput>
{
    private readonly ILayer[] _layers;
    private int[] _indices = [];
    private float[][] _activations = [];
    private float[][] _gradients = [];
    private int _batch;

    /// <summary>Chains <paramref name="lookup"/>, <paramref name="embedding"/> and <paramref name="layers"/>, building each dense layer for the size of the layer before it.</summary>
    public Sequential(IIndexLookup<TInput> lookup, Embedding embedding, params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(layers);
        if (embedding.InputDim < lookup.VocabularySize)
        {
            throw new ArgumentException(
                $"The embedding has {embedding.InputDim} rows but the lookup's vocabulary has {lookup.VocabularySize} entries.",
                nameof(embedding));
        }

        int width = embedding.OutputDim;
        foreach (var layer in layers)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
            if (layer is IBuildable buildable)
            {
                buildable.Build(width);
            }

            if (layer.InputDim != width)
            {
                throw new ArgumentException($"A layer takes {layer.InputDim} values per row but the layer before it gives {width}.", nameof(layers));
            }

            width = layer.OutputDim;
        }

        Lookup = lookup;
        Embedding = embedding;
        _layers = [.. layers];
        OutputDim = width;
    }

    /// <summary>The vocabulary layer.</summary>
    public IIndexLookup<TInput> Lookup { get; }

    /// <summary>The trainable embedding table.</summary>
    public Embedding Embedding { get; }

    /// <summary>The layers after the embedding, in order.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <inheritdoc/>
    public int OutputDim { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [Embedding.Variable, .. _layers.SelectMany(l => l.Variables)];

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        CheckOutput(inputs.Length, embeddings);
        var indices = new int[inputs.Length];
        Lookup.Lookup(inputs, indices);
        if (_layers.Length == 0)
        {
            Embedding.Gather(indices, embeddings);
            return;
        }

        int b = inputs.Length;
        var current = new float[b * Embedding.OutputDim];
        Embedding.Gather(indices, current);
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            if (l == _layers.Length - 1)
            {
                layer.Call(current, b, embeddings);
            }
            else
            {
                var next = new float[b * layer.OutputDim];
                layer.Call(current, b, next);
                current = next;
            }
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        int b = inputs.Length;
        CheckOutput(b, embeddings);
        if (_indices.Length < b)
        {
            _indices = new int[Math.Max(b, _indices.Length * 2)];
        }

        var indices = _indices.AsSpan(0, b);
        Lookup.Lookup(inputs, indices);
        _batch = b;
        if (_layers.Length == 0)
        {
            Embedding.Gather(indices, embeddings);
            return;
        }

        EnsureBuffers(b);
        Embedding.Gather(indices, _activations[0]);
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<float> output = l == _layers.Length - 1 ? embeddings : _activations[l + 1];
            _layers[l].Forward(_activations[l], b, output);
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch;
        var gradient = embeddingGradient;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            var inputGradient = _gradients[l].AsSpan(0, b * _layers[l].InputDim);
            _layers[l].Backward(gradient, inputGradient, optimizer);
            gradient = inputGradient;
        }

        Embedding.ApplyGradient(_indices.AsSpan(0, b), gradient[..(b * Embedding.OutputDim)], optimizer);
    }

    /// <summary>The embedding of one input.</summary>
    public float[] Call(TInput input)
    {
        var output = new float[OutputDim];
        Call([input], output);
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

    private void CheckOutput(int count, Span<float> embeddings)
    {
        if (embeddings.Length < (long)count * OutputDim)
        {
            throw new ArgumentException($"{count} inputs need {(long)count * OutputDim} output values, got {embeddings.Length}.", nameof(embeddings));
        }
    }

    private void EnsureBuffers(int b)
    {
        if (_activations.Length == 0)
        {
            _activations = new float[_layers.Length][];
            _gradients = new float[_layers.Length][];
        }

        for (int l = 0; l < _layers.Length; l++)
        {
            int width = _layers[l].InputDim;
            if ((_activations[l]?.Length ?? 0) < b * width)
            {
                _activations[l] = new float[b * width];
                _gradients[l] = new float[b * width];
            }
        }
    }
}
