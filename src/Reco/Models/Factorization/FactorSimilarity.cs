using System.Numerics.Tensors;
using Reco.Numerics;

namespace Reco.Models.Factorization;

/// <summary>Similar items as the cosine of item factor rows.</summary>
internal static class FactorSimilarity
{
    public static IReadOnlyList<ScoredItem> Similar(float[] itemFactors, int factors, int itemCount, int item, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1); // the item is checked by the model (ModelGuard.Item)
        var q = itemFactors.AsSpan(item * factors, factors);
        var scores = new float[itemCount];
        for (int j = 0; j < itemCount; j++)
        {
            var other = itemFactors.AsSpan(j * factors, factors);
            float norm = TensorPrimitives.Norm(other) * TensorPrimitives.Norm(q);
            scores[j] = norm > 0 ? TensorPrimitives.Dot(q, other) / norm : 0f;
        }

        return Select(scores, item, k);
    }

    public static IReadOnlyList<ScoredItem> Select(float[] scores, int item, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var best = new int[Math.Min(k, scores.Length)];
        int found = TopK.Select(scores, best, j => j == item);
        return [.. best[..found].Select(j => new ScoredItem(j, scores[j]))];
    }
}
