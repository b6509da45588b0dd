using Reco.Numerics;
using System.Runtime.Intrinsics.X86;
using Reco.Optimizers;
using Reco.Data.Sources.Parquet;

namespace Reco.Layers;

/// <summary>
/// A trainable lookup table mapping an index to a dense vector, as <c>tf.keras.layers.Embedding</c>.
/// Weights are initialised uniformly in [-0.05, 0.05], the Keras default.
/// </summary>
public sealed class Embedding
{
    /// <summary>The half-width of the Keras default uniform initialiser.</summary>
    public const float InitialScale = 0.05f;

    private SparseGradient? _gradient;

    /// <summary>Creates an embedding table of <paramref name="inputDim"/> rows of <paramref name="outputDim"/> values.</summary>
    /// <param name="inputDim">Number of rows: the vocabulary size, out-of-vocabulary bucket included.</param>
    /// <param name="outputDim">Length of each embedding vector.</param>
    /// <param name="seed">Seed of the initialiser; by default the next one from <see cref="RandomSeed"/>.</param>
    public Embedding(int inputDim, int outputDim, int? seed = null)
        : this(inputDim, outputDim, Initial(inputDim, outputDim, seed ?? RandomSeed.Next()))
    {
    }

    /// <summary>Creates an embedding table from existing weights (row-major, <c>inputDim × outputDim</c>).</summary>
    public Embedding(int inputDim, int outputDim, float[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != (long)inputDim * outputDim)
        {
            throw new ArgumentException($"Expected {inputDim}×{outputDim} = {(long)inputDim * outputDim} weights, got {weights.Length}.", nameof(weights));
        }

        Variable = new Variable("embeddings", inputDim, outputDim, weights);
    }

    /// <summary>Number of rows (vocabulary size).</summary>
    public int InputDim => Variable.Rows;

    /// <summary>Length of each embedding vector.</summary>
    public int OutputDim => Variable.Columns;

    /// <summary>The table as a trainable variable.</summary>
    public Variable Variable { get; }

    /// <summary>The weights, row-major: row <c>i</c> is the embedding of index <c>i</c>.</summary>
    public Span<float> Weights => Variable.Values;

    /// <summary>The embedding of one index.</summary>
    public ReadOnlySpan<float> this[int index] => Variable.Row(index);

    internal float[] WeightArray => Variable.Array;

    /// <summary>Copies the rows named by <paramref name="indices"/> into <paramref name="output"/> (one row each).</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> output)
    {
        int d = OutputDim;
        if (output.Length < (long)indices.Length * d)
        {
            throw new ArgumentException("Output is too short.", nameof(output));
        }

        var weights = Variable.Array;
        for (int i = 0; i < indices.Length; i++)
        {
            // Rows are scattered over a table larger than the caches: ask for a later one while copying this one.
            if (Sse.IsSupported && i + PrefetchAhead < indices.Length && (uint)indices[i + PrefetchAhead] < (uint)InputDim)
            {
                PrefetchRow(weights, indices[i + PrefetchAhead] * d, d);
            }

            Variable.Row(indices[i]).CopyTo(output.Slice(i * d, d));
        }
    }

    private const int PrefetchAhead = 4;

    private static unsafe void PrefetchRow(float[] weights, int offset, int length)
    {
        fixed (float* row = &weights[offset])
        {
            Numerics.Prefetch.Row(row, length);
        }
    }

    /// <summary>
    /// Applies ∂loss/∂output for rows gathered from <paramref name="indices"/> (one gradient row each):
    /// rows looked up more than once get the sum of their gradients, then the optimizer updates only
    /// those rows.
    /// </summary>
    internal void ApplyGradient(ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Optimizer optimizer)
    {
        var gradient = _gradient ??= new SparseGradient(InputDim, OutputDim);
        gradient.Aggregate(indices, outputGradient);
        optimizer.ApplySparse(Variable, gradient.Rows, gradient.Values);
    }

    private static float[] Initial(int inputDim, int outputDim, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        var weights = WeightArrays.New(inputDim, outputDim, "An embedding table");
        var random = new Random(seed);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2.0 - 1.0) * InitialScale);
        }

        return weights;
    }
}
