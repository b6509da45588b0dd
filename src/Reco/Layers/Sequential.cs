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
public sealed class Sequential<TInput> : IIndexedTower<TInput>
{
    private readonly LayerChain _chain;
    private int[] _indices = [];
    private float[] _gathered = [];
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

        _chain = new LayerChain(embedding.OutputDim, layers, nameof(layers));
        Lookup = lookup;
        Embedding = embedding;
        OutputDim = _chain.OutputDim;
    }

    /// <summary>The vocabulary layer.</summary>
    public IIndexLookup<TInput> Lookup { get; }

    /// <summary>The trainable embedding table.</summary>
    public Embedding Embedding { get; }

    /// <summary>The layers after the embedding, in order.</summary>
    public IReadOnlyList<ILayer> Layers => _chain.Layers;

    /// <inheritdoc/>
    public int OutputDim { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [Embedding.Variable, .. _chain.Variables];

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        CheckOutput(inputs.Length, embeddings);
        var indices = new int[inputs.Length];
        Lookup.Lookup(inputs, indices);
        if (_chain.Layers.Count == 0)
        {
            Embedding.Gather(indices, embeddings);
            return;
        }

        var gathered = new float[inputs.Length * Embedding.OutputDim];
        Embedding.Gather(indices, gathered);
        _chain.Call(gathered, inputs.Length, embeddings);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        int b = inputs.Length;
        CheckOutput(b, embeddings);
        var indices = Rows(b);
        Lookup.Lookup(inputs, indices);
        ForwardLookedUp(indices, embeddings);
    }

    /// <inheritdoc/>
    void IIndexedTower<TInput>.LookupRows(ReadOnlySpan<TInput> inputs, Span<int> rows) => Lookup.Lookup(inputs, rows);

    /// <inheritdoc/>
    void IIndexedTower<TInput>.ForwardRows(ReadOnlySpan<int> rows, Span<float> embeddings)
    {
        int b = rows.Length;
        CheckOutput(b, embeddings);
        var indices = Rows(b);
        rows.CopyTo(indices);
        ForwardLookedUp(indices, embeddings);
    }

    /// <summary>The buffer of the batch's rows, which <see cref="Backward"/> updates, for <paramref name="b"/> inputs.</summary>
    private Span<int> Rows(int b)
    {
        if (_indices.Length < b)
        {
            _indices = new int[Math.Max(b, _indices.Length * 2)];
        }

        return _indices.AsSpan(0, b);
    }

    private void ForwardLookedUp(Span<int> indices, Span<float> embeddings)
    {
        int b = indices.Length;
        _batch = b;
        if (_chain.Layers.Count == 0)
        {
            Embedding.Gather(indices, embeddings);
            return;
        }

        if (_gathered.Length < b * Embedding.OutputDim)
        {
            _gathered = new float[b * Embedding.OutputDim];
        }

        Embedding.Gather(indices, _gathered);
        _chain.Forward(_gathered.AsSpan(0, b * Embedding.OutputDim), b, embeddings);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch;
        var gradient = _chain.Layers.Count == 0 ? embeddingGradient : _chain.Backward(embeddingGradient, optimizer);
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
}
