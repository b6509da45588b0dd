namespace Reco.Layers;

/// <summary>
/// A trainable lookup table mapping an index to a dense vector, as <c>tf.keras.layers.Embedding</c>.
/// Weights are initialised uniformly in [-0.05, 0.05], the Keras default.
/// </summary>
public sealed class Embedding
{
    /// <summary>The half-width of the Keras default uniform initialiser.</summary>
    public const float InitialScale = 0.05f;

    private readonly float[] _weights;

    /// <summary>Creates an embedding table of <paramref name="inputDim"/> rows of <paramref name="outputDim"/> values.</summary>
    /// <param name="inputDim">Number of rows: the vocabulary size, out-of-vocabulary bucket included.</param>
    /// <param name="outputDim">Length of each embedding vector.</param>
    /// <param name="seed">Seed of the initialiser; by default the next one from <see cref="RandomSeed"/>.</param>
    public Embedding(int inputDim, int outputDim, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        InputDim = inputDim;
        OutputDim = outputDim;
        _weights = new float[checked(inputDim * outputDim)];
        var random = new Random(seed ?? RandomSeed.Next());
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = (float)((random.NextDouble() * 2.0 - 1.0) * InitialScale);
        }
    }

    /// <summary>Creates an embedding table from existing weights (row-major, <c>inputDim × outputDim</c>).</summary>
    public Embedding(int inputDim, int outputDim, float[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != inputDim * outputDim)
        {
            throw new ArgumentException($"Expected {inputDim}×{outputDim} = {inputDim * outputDim} weights, got {weights.Length}.", nameof(weights));
        }

        InputDim = inputDim;
        OutputDim = outputDim;
        _weights = weights;
    }

    /// <summary>Number of rows (vocabulary size).</summary>
    public int InputDim { get; }

    /// <summary>Length of each embedding vector.</summary>
    public int OutputDim { get; }

    /// <summary>The weights, row-major: row <c>i</c> is the embedding of index <c>i</c>.</summary>
    public Span<float> Weights => _weights;

    /// <summary>The embedding of one index.</summary>
    public ReadOnlySpan<float> this[int index] => Row(index);

    internal float[] WeightArray => _weights;

    internal Span<float> Row(int index)
    {
        if ((uint)index >= (uint)InputDim)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {InputDim}).");
        }

        return _weights.AsSpan(index * OutputDim, OutputDim);
    }

    /// <summary>Copies the rows named by <paramref name="indices"/> into <paramref name="output"/> (one row each).</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> output)
    {
        int d = OutputDim;
        if (output.Length < indices.Length * d)
        {
            throw new ArgumentException("Output is too short.", nameof(output));
        }

        for (int i = 0; i < indices.Length; i++)
        {
            Row(indices[i]).CopyTo(output.Slice(i * d, d));
        }
    }
}
