using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// One feature of a record, embedded by a tower over that feature: <c>inputs["user_id"]</c> through the
/// user-id tower, in Keras terms. With <see cref="Concatenate{TInput}"/> it builds towers over several
/// features of one record (user id and timestamp; title id and title text).
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <typeparam name="TValue">The feature's type.</typeparam>
public sealed class Feature<TRecord, TValue> : ITower<TRecord>
{
    private readonly Func<TRecord, TValue> _selector;
    private TValue[] _values = [];

    /// <summary>Embeds <paramref name="selector"/>(record) with <paramref name="tower"/>.</summary>
    public Feature(Func<TRecord, TValue> selector, ITower<TValue> tower)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(tower);
        _selector = selector;
        Tower = tower;
    }

    /// <summary>The tower over the feature's values.</summary>
    public ITower<TValue> Tower { get; }

    /// <inheritdoc/>
    public int OutputDim => Tower.OutputDim;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => Tower.Variables;

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<TRecord> inputs, Span<float> embeddings)
    {
        var values = new TValue[inputs.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = _selector(inputs[i]);
        }

        Tower.Call(values, embeddings);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<TRecord> inputs, Span<float> embeddings)
    {
        Towers.Grow(ref _values, inputs.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            _values[i] = _selector(inputs[i]);
        }

        Tower.Forward(_values.AsSpan(0, inputs.Length), embeddings);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer) => Tower.Backward(embeddingGradient, optimizer);
}
