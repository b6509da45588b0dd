namespace Reco.Serving;

/// <summary>
/// Re-ranking by maximal marginal relevance (Carbonell &amp; Goldstein 1998): from a pool of candidates with
/// scores, pick greedily the item maximising (1 − λ) · relevance − λ · (its largest cosine to the items
/// already picked), relevance being the score scaled to 0 … 1 over the pool. λ = 0 keeps the score order.
/// </summary>
internal static class MaximalMarginalRelevance
{
    /// <summary>
    /// Reorders the first <paramref name="count"/> of <paramref name="ids"/> and <paramref name="scores"/> so that
    /// the first <paramref name="k"/> are the picks, in pick order; returns how many were picked.
    /// </summary>
    public static int Rerank(Span<int> ids, Span<float> scores, int count, int k, double lambda, ItemVectorTable vectors)
    {
        int picks = Math.Min(k, count);
        if (lambda <= 0 || picks <= 1)
        {
            return picks;
        }

        float max = float.NegativeInfinity, min = float.PositiveInfinity;
        for (int c = 0; c < count; c++)
        {
            max = Math.Max(max, scores[c]);
            min = Math.Min(min, scores[c]);
        }

        float range = max - min;
        float l = (float)lambda;
        Span<float> closest = count <= 512 ? stackalloc float[count] : new float[count];
        closest.Fill(float.NegativeInfinity);
        for (int p = 0; p < picks; p++)
        {
            int best = -1;
            float bestValue = float.NegativeInfinity;
            for (int c = p; c < count; c++)
            {
                float relevance = range > 0 ? (scores[c] - min) / range : 1f;
                float redundancy = p == 0 ? 0f : closest[c];
                float value = ((1 - l) * relevance) - (l * redundancy);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = c;
                }
            }

            (ids[p], ids[best]) = (ids[best], ids[p]);
            (scores[p], scores[best]) = (scores[best], scores[p]);
            (closest[p], closest[best]) = (closest[best], closest[p]);
            for (int c = p + 1; c < count; c++)
            {
                closest[c] = Math.Max(closest[c], vectors.Cosine(ids[p], ids[c]));
            }
        }

        return picks;
    }
}
