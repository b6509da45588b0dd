using Reco.Numerics;

namespace Reco.Indexes;

/// <summary>
/// Seeded Lloyd k-means for the IVF lists: trained on a random sample of the items, assignment by the
/// largest <c>x·c − ‖c‖²/2</c> (nearest centroid) through the GEMM kernels, blocks in parallel. The
/// result depends only on the seed and the data (sums are taken serially, in order).
/// </summary>
internal static unsafe class KMeans
{
    private const int Block = 1024;

    /// <summary>Trains <paramref name="clusters"/> centroids (row-major) on a sample of <paramref name="items"/>.</summary>
    public static float[] Train(ReadOnlySpan<float> items, int dimension, int clusters, int sampleSize, int iterations, int seed)
    {
        int n = items.Length / dimension;
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        int size = Math.Min(n, Math.Max(sampleSize, clusters));
        for (int i = 0; i < size; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var sample = new float[size * dimension];
        for (int i = 0; i < size; i++)
        {
            items.Slice(order[i] * dimension, dimension).CopyTo(sample.AsSpan(i * dimension));
        }

        // Distinct sample rows as the first centroids.
        var centroids = sample.AsSpan(0, clusters * dimension).ToArray();
        var assignment = new int[size];
        var sums = new double[clusters * dimension];
        var counts = new int[clusters];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            Assign(sample, dimension, centroids, clusters, assignment);
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < size; i++)
            {
                int c = assignment[i];
                counts[c]++;
                var row = sample.AsSpan(i * dimension, dimension);
                var sum = sums.AsSpan(c * dimension, dimension);
                for (int p = 0; p < dimension; p++)
                {
                    sum[p] += row[p];
                }
            }

            for (int c = 0; c < clusters; c++)
            {
                var centroid = centroids.AsSpan(c * dimension, dimension);
                if (counts[c] == 0)
                {
                    // An empty cluster restarts at a random sample point.
                    sample.AsSpan(random.Next(size) * dimension, dimension).CopyTo(centroid);
                    continue;
                }

                for (int p = 0; p < dimension; p++)
                {
                    centroid[p] = (float)(sums[(c * dimension) + p] / counts[c]);
                }
            }
        }

        return centroids;
    }

    /// <summary>Writes the nearest centroid of every row of <paramref name="rows"/> into <paramref name="assignment"/>.</summary>
    public static void Assign(ReadOnlySpan<float> rows, int dimension, float[] centroids, int clusters, int[] assignment)
    {
        int n = rows.Length / dimension;
        var transposed = new float[dimension * clusters];
        var half = new float[clusters];
        for (int c = 0; c < clusters; c++)
        {
            double norm = 0;
            for (int p = 0; p < dimension; p++)
            {
                float v = centroids[(c * dimension) + p];
                transposed[(p * clusters) + c] = v;
                norm += (double)v * v;
            }

            half[c] = (float)(norm / 2);
        }

        int blocks = (n + Block - 1) / Block;
        fixed (float* pinned = rows)
        {
            nint source = (nint)pinned;
            Parallel.For(
                0,
                blocks,
                () => new float[Block * clusters],
                (b, _, scores) =>
                {
                    int first = b * Block;
                    int count = Math.Min(Block, n - first);
                    fixed (float* t = transposed, s = scores)
                    {
                        Gemm.Run(Gemm.BestPath, count, clusters, dimension, (float*)source + ((nint)first * dimension), dimension, 1, t, clusters, s, clusters, accumulate: false);
                    }

                    for (int i = 0; i < count; i++)
                    {
                        var row = scores.AsSpan(i * clusters, clusters);
                        int best = 0;
                        float bestScore = float.NegativeInfinity;
                        for (int c = 0; c < clusters; c++)
                        {
                            float score = row[c] - half[c];
                            if (score > bestScore)
                            {
                                bestScore = score;
                                best = c;
                            }
                        }

                        assignment[first + i] = best;
                    }

                    return scores;
                },
                _ => { });
        }
    }
}
