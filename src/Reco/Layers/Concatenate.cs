using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// Several towers over the same input side by side, their embeddings concatenated, as
/// <c>tf.concat([user_embedding(x), timestamp_embedding(x), normalized_timestamp(x)], axis=1)</c> in
/// TFRS's featurization tutorials. Each part usually embeds one feature of a record
/// (<see cref="Feature{TRecord, TValue}"/>).
/// </summary>
/// <typeparam name="TInput">The raw input type (a record of features).</typeparam>
public sealed class Concatenate<TInput> : ITower<TInput>
{
    private readonly ITower<TInput>[] _parts;
    private readonly int[] _offsets;
    private float[][] _buffers;
    private int _batch;

    /// <summary>Puts <paramref name="parts"/> side by side, in order.</summary>
    public Concatenate(params ITower<TInput>[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0)
        {
            throw new ArgumentException("Concatenate at least one tower.", nameof(parts));
        }

        _parts = [.. parts];
        _offsets = new int[parts.Length + 1];
        for (int p = 0; p < parts.Length; p++)
        {
            ArgumentNullException.ThrowIfNull(parts[p], nameof(parts));
            _offsets[p + 1] = _offsets[p] + parts[p].OutputDim;
        }

        _buffers = new float[parts.Length][];
        for (int p = 0; p < parts.Length; p++)
        {
            _buffers[p] = [];
        }
    }

    /// <summary>The towers, in output order.</summary>
    public IReadOnlyList<ITower<TInput>> Parts => _parts;

    /// <inheritdoc/>
    public int OutputDim => _offsets[^1];

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [.. _parts.SelectMany(p => p.Variables)];

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        int b = inputs.Length;
        Towers.CheckOutput(b, OutputDim, embeddings);
        for (int p = 0; p < _parts.Length; p++)
        {
            var part = new float[b * _parts[p].OutputDim];
            _parts[p].Call(inputs, part);
            Scatter(part, p, b, embeddings);
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TInput> inputs, Span<float> embeddings)
    {
        int b = inputs.Length;
        Towers.CheckOutput(b, OutputDim, embeddings);
        _batch = b;
        for (int p = 0; p < _parts.Length; p++)
        {
            Towers.Grow(ref _buffers[p], b * _parts[p].OutputDim);
            var part = _buffers[p].AsSpan(0, b * _parts[p].OutputDim);
            _parts[p].Forward(inputs, part);
            Scatter(part, p, b, embeddings);
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch;
        int width = OutputDim;
        for (int p = 0; p < _parts.Length; p++)
        {
            int w = _parts[p].OutputDim;
            var part = _buffers[p].AsSpan(0, b * w);
            for (int r = 0; r < b; r++)
            {
                embeddingGradient.Slice((r * width) + _offsets[p], w).CopyTo(part.Slice(r * w, w));
            }

            _parts[p].Backward(part, optimizer);
        }
    }

    private void Scatter(ReadOnlySpan<float> part, int p, int b, Span<float> embeddings)
    {
        int w = _parts[p].OutputDim;
        int width = OutputDim;
        for (int r = 0; r < b; r++)
        {
            part.Slice(r * w, w).CopyTo(embeddings.Slice((r * width) + _offsets[p], w));
        }
    }
}
