using Reco.Optimizers;

namespace Reco.Layers.Preprocessing;

/// <summary>
/// Standardises a number, as <c>tf.keras.layers.Normalization()</c> on one feature:
/// (x − mean) / max(√variance, 1e-7), with the mean and (population) variance learnt by <see cref="Adapt"/>.
/// As a tower it embeds a number as that one value and has nothing to train.
/// </summary>
public sealed class Normalization : ITower<double>
{
    private const double Epsilon = 1e-7;

    /// <summary>Creates the layer with a known mean and variance (by default 0 and 1, the identity).</summary>
    public Normalization(double mean = 0, double variance = 1)
    {
        if (!double.IsFinite(mean) || !(variance >= 0) || !double.IsFinite(variance))
        {
            throw new ArgumentException("The mean must be a finite number and the variance a finite number of at least 0.");
        }

        Mean = mean;
        Variance = variance;
    }

    /// <summary>The mean subtracted.</summary>
    public double Mean { get; private set; }

    /// <summary>The variance whose root divides.</summary>
    public double Variance { get; private set; }

    /// <inheritdoc/>
    public int OutputDim => 1;

    /// <inheritdoc/>
    public IReadOnlyList<Layers.Variable> Variables => [];

    /// <summary>Learns the mean and variance of <paramref name="data"/> (Welford's one pass, in double).</summary>
    public void Adapt(IEnumerable<double> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long n = 0;
        double mean = 0, m2 = 0;
        foreach (double x in data)
        {
            if (!double.IsFinite(x))
            {
                throw new ArgumentException("Every value must be a finite number.", nameof(data));
            }

            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        if (n == 0)
        {
            throw new ArgumentException("Adapt on at least one value.", nameof(data));
        }

        Mean = mean;
        Variance = m2 / n;
    }

    /// <summary>The standardised value.</summary>
    public float Apply(double value) => (float)((value - Mean) / Math.Max(Math.Sqrt(Variance), Epsilon));

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<double> inputs, Span<float> embeddings)
    {
        Towers.CheckOutput(inputs.Length, 1, embeddings);
        for (int i = 0; i < inputs.Length; i++)
        {
            embeddings[i] = Apply(inputs[i]);
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> inputs, Span<float> embeddings) => Call(inputs, embeddings);

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
    {
    }
}
