using Reco.Numerics;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// All pairwise similarities of n entities at once from a dense others × entities rating matrix, as
/// sums over common raters obtained by GEMM: Σxy = DᵀD, Σx²·[y rated] = (D∘D)ᵀM, Σx·[y rated] = DᵀM,
/// |common| = MᵀM, with M the 0/1 mask of D.
/// </summary>
internal static class SimilarityMatrix
{
    /// <param name="d">Ratings, others × n, row-major, 0 where missing (already centred for adjusted cosine).</param>
    /// <param name="mask">1 where rated, others × n.</param>
    /// <param name="others">Rows of <paramref name="d"/>.</param>
    /// <param name="n">Entities.</param>
    /// <param name="measure">The similarity.</param>
    /// <param name="shrinkage">Multiplies each similarity by (c − 1)/(c − 1 + shrinkage), c = common raters.</param>
    public static float[] Compute(float[] d, float[] mask, int others, int n, SimilarityMeasure measure, float shrinkage)
    {
        var common = Product(mask, mask, others, n);
        float[] sim;
        switch (measure)
        {
            case SimilarityMeasure.Jaccard:
                {
                    sim = new float[n * n];
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            float c = common[(i * n) + j];
                            float union = common[(i * n) + i] + common[(j * n) + j] - c;
                            sim[(i * n) + j] = union > 0 ? c / union : 0f;
                        }
                    }

                    break;
                }

            case SimilarityMeasure.Pearson:
                {
                    sim = Product(d, d, others, n);
                    var squares = Squares(d);
                    var sxx = Product(squares, mask, others, n);
                    var sx = Product(d, mask, others, n);
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            int ij = (i * n) + j;
                            int ji = (j * n) + i;
                            float c = common[ij];
                            if (c < 2)
                            {
                                sim[ij] = 0f;
                                continue;
                            }

                            double num = sim[ij] - (sx[ij] * (double)sx[ji] / c);
                            double vx = sxx[ij] - (sx[ij] * (double)sx[ij] / c);
                            double vy = sxx[ji] - (sx[ji] * (double)sx[ji] / c);
                            sim[ij] = vx > 1e-9 && vy > 1e-9 ? (float)(num / Math.Sqrt(vx * vy)) : 0f;
                        }
                    }

                    break;
                }

            default:
                {
                    sim = Product(d, d, others, n);
                    var sxx = Product(Squares(d), mask, others, n);
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            int ij = (i * n) + j;
                            double den = (double)sxx[ij] * sxx[(j * n) + i];
                            sim[ij] = den > 0 ? (float)(sim[ij] / Math.Sqrt(den)) : 0f;
                        }
                    }

                    break;
                }
        }

        if (shrinkage > 0)
        {
            for (int ij = 0; ij < sim.Length; ij++)
            {
                float c = common[ij] - 1f;
                sim[ij] *= c > 0 ? c / (c + shrinkage) : 0f;
            }
        }

        return sim;
    }

    /// <summary>The same similarity for one pair of sparse rows (indices ascending), for fold-in.</summary>
    public static float Pair(ReadOnlySpan<int> ai, ReadOnlySpan<float> av, ReadOnlySpan<int> bi, ReadOnlySpan<float> bv, SimilarityMeasure measure, float shrinkage)
    {
        double sxy = 0, sxx = 0, syy = 0, sx = 0, sy = 0;
        int c = 0;
        for (int p = 0, q = 0; p < ai.Length && q < bi.Length;)
        {
            if (ai[p] < bi[q])
            {
                p++;
            }
            else if (ai[p] > bi[q])
            {
                q++;
            }
            else
            {
                double x = av[p++];
                double y = bv[q++];
                sxy += x * y;
                sxx += x * x;
                syy += y * y;
                sx += x;
                sy += y;
                c++;
            }
        }

        double sim;
        switch (measure)
        {
            case SimilarityMeasure.Jaccard:
                int union = ai.Length + bi.Length - c;
                sim = union > 0 ? (double)c / union : 0;
                break;
            case SimilarityMeasure.Pearson:
                double vx = sxx - (sx * sx / c);
                double vy = syy - (sy * sy / c);
                sim = c >= 2 && vx > 1e-9 && vy > 1e-9 ? (sxy - (sx * sy / c)) / Math.Sqrt(vx * vy) : 0;
                break;
            default:
                sim = sxx * syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
                break;
        }

        if (shrinkage > 0)
        {
            sim *= c > 1 ? (c - 1) / (c - 1 + shrinkage) : 0;
        }

        return (float)sim;
    }

    /// <summary>AᵀB for two others × n matrices.</summary>
    private static float[] Product(float[] a, float[] b, int others, int n)
    {
        var c = new float[n * n];
        Gemm.MultiplyParallel(n, n, others, a, 1, n, b, n, c, n, accumulate: false);
        return c;
    }

    private static float[] Squares(float[] d)
    {
        var s = new float[d.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(d, d, s);
        return s;
    }
}
