using System.Collections.Concurrent;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// The mean of several embeddings per input, as TFRS's title-text tower
/// <c>Sequential([TextVectorization(...), Embedding(n, d, mask_zero=True), GlobalAveragePooling1D()])</c>:
/// <see cref="Tokens"/> turns an input into indices (the words of a title, the genres of a movie), each is
/// embedded and the embeddings are averaged. An input without tokens embeds as zeros. Each distinct input's
/// indices are computed once and remembered.
/// </summary>
/// <typeparam name="TInput">The raw input type.</typeparam>
public sealed class PooledEmbedding<TInput> : ITower<TInput>
    where TInput : notnull
{
    private readonly ConcurrentDictionary<TInput, int[]> _cache = new();
    private readonly Func<TInput, int[]> _tokens;
    private int[][] _batchTokens = [];
    private int[] _rows = [];
    private float[] _rowGradients = [];
    private int _batch;

    /// <summary>Averages the embeddings in <paramref name="embedding"/> of the indices <paramref name="tokens"/> gives.</summary>
    public PooledEmbedding(Func<TInput, int[]> tokens, Embedding embedding)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(embedding);
        _tokens = tokens;
        Embedding = embedding;
    }

    /// <summary>The embedding table.</summary>
    public Embedding Embedding { get; }

    /// <inheritdoc/>
    public int OutputDim => Embedding.OutputDim;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [Embedding.Variable];

    /// <summary>The indices of <paramref name="input"/>.</summary>
    public int[] Tokens(TInput input) => _cache.GetOrAdd(input, _tokens);

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, OutputDim, embeddings);
        for (int i = 0; i < inputs.Length; i++)
        {
            Pool(Tokens(inputs[i]), embeddings.Slice(i * OutputDim, OutputDim));
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, OutputDim, embeddings);
        _batch = inputs.Length;
        Towers.Grow(ref _batchTokens, inputs.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            _batchTokens[i] = Tokens(inputs[i]);
            Pool(_batchTokens[i], embeddings.Slice(i * OutputDim, OutputDim));
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int d = OutputDim;
        int count = 0;
        for (int i = 0; i < _batch; i++)
        {
            count += _batchTokens[i].Length;
        }

        Towers.Grow(ref _rows, count);
        Towers.Grow(ref _rowGradients, count * d);
        int k = 0;
        for (int i = 0; i < _batch; i++)
        {
            var tokens = _batchTokens[i];
            float share = 1f / Math.Max(1, tokens.Length);
            foreach (int token in tokens)
            {
                _rows[k] = token;
                System.Numerics.Tensors.TensorPrimitives.Multiply(embeddingGradient.Slice(i * d, d), share, _rowGradients.AsSpan(k * d, d));
                k++;
            }
        }

        if (count > 0)
        {
            Embedding.ApplyGradient(_rows.AsSpan(0, count), _rowGradients.AsSpan(0, count * d), optimizer);
        }
    }

    private void Pool(int[] tokens, Span<float> output)
    {
        output.Clear();
        foreach (int token in tokens)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(output, Embedding[token], output);
        }

        if (tokens.Length > 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(output, 1f / tokens.Length, output);
        }
    }
}
