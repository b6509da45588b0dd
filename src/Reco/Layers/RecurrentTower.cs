using Reco.Data;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A tower over sequences, as TFRS's sequential-retrieval query model
/// <c>Sequential([StringLookup(...), Embedding(n, d), GRU(d)])</c>: each item of a sequence (a user's
/// last movies, oldest first) is looked up and embedded, and a <see cref="Gru"/> reads them in order; the
/// embedding is its last state. Sequences may differ in length (an empty one gives the zero state).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class RecurrentTower<T> : ITower<IReadOnlyList<T>>
{
    private int[] _lengths = [];
    private int[] _indices = [];
    private int[] _tokens = [];
    private float[] _inputs = [];
    private float[] _inputGradient = [];
    private float[] _tokenGradient = [];
    private int _batch;
    private int _steps;

    /// <summary>Chains the lookup, the embedding and the recurrent layer.</summary>
    public RecurrentTower(IIndexLookup<T> lookup, Embedding embedding, Gru gru)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(gru);
        if (embedding.InputDim < lookup.VocabularySize)
        {
            throw new ArgumentException($"The embedding has {embedding.InputDim} rows but the lookup's vocabulary has {lookup.VocabularySize} entries.", nameof(embedding));
        }

        if (gru.InputDim != embedding.OutputDim)
        {
            throw new ArgumentException($"The recurrent layer reads {gru.InputDim} values per step but the embedding gives {embedding.OutputDim}.", nameof(gru));
        }

        Lookup = lookup;
        Embedding = embedding;
        Gru = gru;
    }

    /// <summary>The vocabulary.</summary>
    public IIndexLookup<T> Lookup { get; }

    /// <summary>The item embeddings.</summary>
    public Embedding Embedding { get; }

    /// <summary>The recurrent layer.</summary>
    public Gru Gru { get; }

    /// <inheritdoc/>
    public int OutputDim => Gru.Units;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [Embedding.Variable, .. Gru.Variables];

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<IReadOnlyList<T>> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, OutputDim, embeddings);
        int b = inputs.Length, steps = Steps(inputs), d = Embedding.OutputDim;
        var lengths = new int[b];
        var x = new float[Math.Max(1, b * steps * d)];
        var indices = new int[b * steps];
        Embed(inputs, steps, lengths, indices, x);
        Gru.Call(x, lengths, b, steps, embeddings);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<IReadOnlyList<T>> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, OutputDim, embeddings);
        int b = inputs.Length, steps = Steps(inputs), d = Embedding.OutputDim;
        _batch = b;
        _steps = steps;
        Towers.Grow(ref _lengths, b);
        Towers.Grow(ref _indices, b * steps);
        Towers.Grow(ref _inputs, Math.Max(1, b * steps * d));
        Embed(inputs, steps, _lengths, _indices, _inputs);
        Gru.Forward(_inputs, _lengths, b, steps, embeddings);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch, steps = _steps, d = Embedding.OutputDim;
        Towers.Grow(ref _inputGradient, Math.Max(1, b * steps * d));
        Gru.Backward(embeddingGradient, _inputGradient.AsSpan(0, b * steps * d), optimizer);

        // Only the steps within each sequence reach the embedding table.
        int count = 0;
        Towers.Grow(ref _tokens, b * steps);
        Towers.Grow(ref _tokenGradient, Math.Max(1, b * steps * d));
        for (int i = 0; i < b; i++)
        {
            for (int t = 0; t < _lengths[i]; t++)
            {
                int position = (i * steps) + t;
                _tokens[count] = _indices[position];
                _inputGradient.AsSpan(position * d, d).CopyTo(_tokenGradient.AsSpan(count * d, d));
                count++;
            }
        }

        if (count > 0)
        {
            Embedding.ApplyGradient(_tokens.AsSpan(0, count), _tokenGradient.AsSpan(0, count * d), optimizer);
        }
    }

    private static int Steps(ReadOnlySpan<IReadOnlyList<T>> inputs)
    {
        int steps = 0;
        foreach (var sequence in inputs)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(inputs));
            steps = Math.Max(steps, sequence.Count);
        }

        return Math.Max(steps, 1);
    }

    private void Embed(ReadOnlySpan<IReadOnlyList<T>> inputs, int steps, Span<int> lengths, Span<int> indices, Span<float> x)
    {
        int d = Embedding.OutputDim;
        x[..(inputs.Length * steps * d)].Clear();
        for (int i = 0; i < inputs.Length; i++)
        {
            var sequence = inputs[i];
            lengths[i] = sequence.Count;
            for (int t = 0; t < sequence.Count; t++)
            {
                int index = Lookup.Lookup(sequence[t]);
                indices[(i * steps) + t] = index;
                Embedding[index].CopyTo(x.Slice(((i * steps) + t) * d, d));
            }
        }
    }
}
