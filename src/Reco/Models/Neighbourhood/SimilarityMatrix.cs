using Reco.Numerics;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// Pairwise similarities of entities (items or users) over their common raters. <see cref="Neighbours"/>
/// is what the models use: each entity's sums over common raters are accumulated from the sparse rows,
/// row by row (work Σ over raters of their history length squared, memory one row of accumulators per
/// thread), and only its best positive neighbours are kept, so neither a dense others × entities matrix
/// nor an entities × entities one is ever built. <see cref="Compute"/> is the dense form by GEMM
/// (Σxy = DᵀD, Σx²·[y rated] = (D∘D)ᵀM, Σx·[y rated] = DᵀM, |common| = MᵀM with M the 0/1 mask of D),
/// the reference the sparse form is checked against.
/// </summary>
internal static class SimilarityMatrix
{
    /// <summary>
    /// The best positive neighbours of every entity, best first (ties: lower index first), at most
    /// <paramref name="keep"/> each, self excluded: the same lists as <see cref="NeighbourLists.FromMatrix"/>
    /// over <see cref="Compute"/>, bit for bit when the sums are exact (whole-number ratings).
    /// </summary>
    /// <param name="entities">For each entity, its raters and their values (already centred for adjusted cosine).</param>
    /// <param name="raters">The same matrix transposed: for each rater, the entities and values.</param>
    /// <param name="measure">The similarity.</param>
    /// <param name="shrinkage">Multiplies each similarity by (c − 1)/(c − 1 + shrinkage), c = common raters.</param>
    /// <param name="keep">Neighbours kept per entity.</param>
    /// <param name="progress">Called on the calling thread after each hundredth of the entities.</param>
    public static NeighbourLists Neighbours(SparseRows entities, SparseRows raters, SimilarityMeasure measure, float shrinkage, int keep, Action? progress = null)
    {
        int n = entities.RowCount;
        keep = Math.Min(keep, Math.Max(n - 1, 0));
        var lists = new (int[] Index, float[] Similarity)[n];
        const int parts = 100;
        for (int part = 0; part < parts; part++)
        {
            int from = (int)((long)n * part / parts);
            int to = (int)((long)n * (part + 1) / parts);
            Parallel.For(from, to, () => new RowSums(n), (e, _, sums) =>
            {
                lists[e] = sums.Row(e, entities, raters, measure, shrinkage, keep);
                return sums;
            }, _ => { });
            progress?.Invoke();
        }

        var start = new int[n + 1];
        for (int e = 0; e < n; e++)
        {
            start[e + 1] = start[e] + lists[e].Index.Length;
        }

        var index = new int[start[n]];
        var similarity = new float[start[n]];
        for (int e = 0; e < n; e++)
        {
            lists[e].Index.CopyTo(index, start[e]);
            lists[e].Similarity.CopyTo(similarity, start[e]);
        }

        return new NeighbourLists(keep, start, index, similarity);
    }

    /// <summary>The similarity from the sums over common raters, in the dense form's arithmetic.</summary>
    /// <param name="measure">The similarity.</param>
    /// <param name="shrinkage">The shrinkage.</param>
    /// <param name="c">Common raters.</param>
    /// <param name="sxy">Σxy over them.</param>
    /// <param name="sxx">Σx² (the first entity's values).</param>
    /// <param name="syy">Σy².</param>
    /// <param name="sx">Σx.</param>
    /// <param name="sy">Σy.</param>
    /// <param name="raterCountX">Raters of the first entity (Jaccard).</param>
    /// <param name="raterCountY">Raters of the second.</param>
    private static float Similarity(SimilarityMeasure measure, float shrinkage, float c, float sxy, float sxx, float syy, float sx, float sy, float raterCountX, float raterCountY)
    {
        float sim;
        switch (measure)
        {
            case SimilarityMeasure.Jaccard:
                float union = raterCountX + raterCountY - c;
                sim = union > 0 ? c / union : 0f;
                break;
            case SimilarityMeasure.Pearson:
                if (c < 2)
                {
                    sim = 0f;
                    break;
                }

                double num = sxy - (sx * (double)sy / c);
                double vx = sxx - (sx * (double)sx / c);
                double vy = syy - (sy * (double)sy / c);
                sim = vx > 1e-9 && vy > 1e-9 ? (float)(num / Math.Sqrt(vx * vy)) : 0f;
                break;
            default:
                double den = (double)sxx * syy;
                sim = den > 0 ? (float)(sxy / Math.Sqrt(den)) : 0f;
                break;
        }

        if (shrinkage > 0)
        {
            float shrunk = c - 1f;
            sim *= shrunk > 0 ? shrunk / (shrunk + shrinkage) : 0f;
        }

        return sim;
    }

    /// <summary>One thread's accumulators: one slot per entity, reset after each row through the list of touched slots.</summary>
    private sealed class RowSums(int n)
    {
        private readonly int[] _count = new int[n];
        private readonly double[] _sxy = new double[n];
        private readonly double[] _sxx = new double[n];
        private readonly double[] _syy = new double[n];
        private readonly double[] _sx = new double[n];
        private readonly double[] _sy = new double[n];
        private readonly List<int> _touched = [];
        private float[] _scores = [];
        private int[] _columns = [];

        public (int[] Index, float[] Similarity) Row(int e, SparseRows entities, SparseRows raters, SimilarityMeasure measure, float shrinkage, int keep)
        {
            var others = entities.Columns(e);
            var xs = entities.Values(e);
            for (int p = 0; p < others.Length; p++)
            {
                double x = xs[p];
                var js = raters.Columns(others[p]);
                var ys = raters.Values(others[p]);
                for (int q = 0; q < js.Length; q++)
                {
                    int j = js[q];
                    double y = ys[q];
                    if (_count[j]++ == 0)
                    {
                        _touched.Add(j);
                    }

                    _sxy[j] += x * y;
                    _sxx[j] += x * x;
                    _syy[j] += y * y;
                    _sx[j] += x;
                    _sy[j] += y;
                }
            }

            // Candidates in ascending index order, so that ties keep the lower index first as in the dense form.
            _touched.Sort();
            if (_scores.Length < _touched.Count)
            {
                _scores = new float[_touched.Count];
                _columns = new int[_touched.Count];
            }

            int candidates = 0;
            float countX = others.Length;
            foreach (int j in _touched)
            {
                if (j != e)
                {
                    float s = Similarity(measure, shrinkage, _count[j], (float)_sxy[j], (float)_sxx[j], (float)_syy[j], (float)_sx[j], (float)_sy[j], countX, entities.Columns(j).Length);
                    if (s > 0)
                    {
                        _columns[candidates] = j;
                        _scores[candidates++] = s;
                    }
                }

                _count[j] = 0;
                _sxy[j] = _sxx[j] = _syy[j] = _sx[j] = _sy[j] = 0;
            }

            _touched.Clear();
            var best = new int[Math.Min(keep, candidates)];
            int found = Numerics.TopK.Select(_scores.AsSpan(0, candidates), best);
            var similarity = new float[found];
            for (int r = 0; r < found; r++)
            {
                similarity[r] = _scores[best[r]];
                best[r] = _columns[best[r]];
            }

            return (best[..found], similarity);
        }
    }

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
