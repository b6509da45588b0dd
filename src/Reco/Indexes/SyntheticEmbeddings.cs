namespace Reco.Indexes;

/// <summary>
/// Seeded synthetic item and user embeddings shaped like a trained recommender's, for benchmarks and tests:
/// items gather around cluster centres (genres, tastes) of Zipf-skewed sizes, and an item's norm grows with
/// its popularity, as matrix factorisation learns; users are mixtures of one to three clusters. Uniform
/// random vectors would be both unrealistic and the worst case for every partitioning index.
/// </summary>
public sealed class SyntheticEmbeddings
{
    private readonly float[] _centres;
    private readonly double[] _clusterWeights;

    private SyntheticEmbeddings(int count, int dimension, int clusters, float[] items, float[] centres, double[] clusterWeights)
    {
        Count = count;
        Dimension = dimension;
        Clusters = clusters;
        Items = items;
        _centres = centres;
        _clusterWeights = clusterWeights;
    }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>Number of clusters.</summary>
    public int Clusters { get; }

    /// <summary>Item vectors, <see cref="Count"/> × <see cref="Dimension"/>, row-major.</summary>
    public float[] Items { get; }

    /// <summary>Generates <paramref name="count"/> items.</summary>
    /// <param name="count">Items, at least 1.</param>
    /// <param name="dimension">Vector length, at least 1.</param>
    /// <param name="clusters">Clusters; <see langword="null"/> for about √n / 2 (at least 1).</param>
    /// <param name="seed">Random seed: the same arguments give the same vectors.</param>
    public static SyntheticEmbeddings Generate(int count, int dimension = 64, int? clusters = null, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        int c = Math.Max(1, clusters ?? (int)Math.Round(Math.Sqrt(count) / 2));
        var random = new Random(seed);
        var centres = new float[c * dimension];
        for (int i = 0; i < c; i++)
        {
            Gaussian(random, centres.AsSpan(i * dimension, dimension), 1);
            Normalise(centres.AsSpan(i * dimension, dimension));
        }

        // Zipf-skewed cluster sizes over a shuffled order.
        var weights = new double[c];
        for (int i = 0; i < c; i++)
        {
            weights[i] = 1.0 / (1 + i);
        }

        random.Shuffle(weights);
        var cumulative = Cumulative(weights);
        var items = new float[count * dimension];
        var noise = new float[dimension];
        for (int i = 0; i < count; i++)
        {
            var row = items.AsSpan(i * dimension, dimension);
            int cluster = Pick(cumulative, random.NextDouble());
            Gaussian(random, noise, 0.6 / Math.Sqrt(dimension));
            for (int p = 0; p < dimension; p++)
            {
                row[p] = centres[(cluster * dimension) + p] + noise[p];
            }

            Normalise(row);

            // Popularity is Pareto-distributed (α = 1.2); the norm grows with its logarithm.
            double popularity = Math.Pow(1 - random.NextDouble(), -1 / 1.2);
            double norm = (1 + (0.25 * Math.Log(popularity))) * Math.Exp(0.1 * NextGaussian(random));
            for (int p = 0; p < dimension; p++)
            {
                row[p] *= (float)norm;
            }
        }

        return new SyntheticEmbeddings(count, dimension, c, items, centres, weights);
    }

    /// <summary>
    /// User vectors, <paramref name="count"/> × <see cref="Dimension"/>: each a random mixture of one to three
    /// clusters (chosen by size) plus noise, at a random scale.
    /// </summary>
    public float[] Queries(int count, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = Dimension;
        var random = new Random(seed);
        var cumulative = Cumulative(_clusterWeights);
        var queries = new float[count * d];
        var noise = new float[d];
        for (int q = 0; q < count; q++)
        {
            var row = queries.AsSpan(q * d, d);
            int parts = 1 + random.Next(3);
            for (int j = 0; j < parts; j++)
            {
                int cluster = Pick(cumulative, random.NextDouble());
                float weight = (float)(0.2 + random.NextDouble());
                for (int p = 0; p < d; p++)
                {
                    row[p] += weight * _centres[(cluster * d) + p];
                }
            }

            Gaussian(random, noise, 0.5 / Math.Sqrt(d));
            for (int p = 0; p < d; p++)
            {
                row[p] += noise[p];
            }

            Normalise(row);
            float scale = (float)(0.5 + (1.5 * random.NextDouble()));
            for (int p = 0; p < d; p++)
            {
                row[p] *= scale;
            }
        }

        return queries;
    }

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        double total = weights.Sum();
        double running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1;
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        int at = Array.BinarySearch(cumulative, u);
        return Math.Min(cumulative.Length - 1, at >= 0 ? at : ~at);
    }

    private static void Gaussian(Random random, Span<float> target, double sigma)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (float)(sigma * NextGaussian(random));
        }
    }

    private static double NextGaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Normalise(Span<float> row)
    {
        double norm = 0;
        foreach (float v in row)
        {
            norm += (double)v * v;
        }

        if (norm > 0)
        {
            float scale = (float)(1 / Math.Sqrt(norm));
            for (int i = 0; i < row.Length; i++)
            {
                row[i] *= scale;
            }
        }
    }
}
