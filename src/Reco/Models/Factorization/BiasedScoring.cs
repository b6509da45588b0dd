using System.Numerics.Tensors;

namespace Reco.Models.Factorization;

/// <summary>Scores of the biased factor models, μ + b_u + b_i + q_i·v_u for a user vector v_u.</summary>
internal static class BiasedScoring
{
    /// <summary>One rating, clamped to the training ratings' range.</summary>
    public static float Predict(float mean, float userBias, float itemBias, ReadOnlySpan<float> userVector, ReadOnlySpan<float> itemVector, float min, float max)
    {
        float r = mean + userBias + itemBias + TensorPrimitives.Dot(userVector, itemVector);
        return Math.Clamp(r, min, max);
    }

    /// <summary>Unclamped scores of every item for one user.</summary>
    public static void ScoreItems(float mean, float userBias, float[] itemBias, ReadOnlySpan<float> userVector, float[] itemFactors, int factors, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = mean + userBias + itemBias[i] + TensorPrimitives.Dot(userVector, itemFactors.AsSpan(i * factors, factors));
        }
    }
}
