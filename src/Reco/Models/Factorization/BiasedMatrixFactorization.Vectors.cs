using Reco.Models.Persistence;

namespace Reco.Models.Factorization;

/// <summary>The factors as an <see cref="IVectorModel"/>: μ + b_u + b_i + q_i·p_u = (μ + b_u) + [p_u, 1]·[q_i, b_i].</summary>
public sealed partial class BiasedMatrixFactorization : IVectorModel
{
    /// <inheritdoc/>
    public int VectorDimension => Options.Factors + 1;

    /// <inheritdoc/>
    public int EmbeddingDimension => Options.Factors;

    /// <inheritdoc/>
    public void ItemVectors(Span<float> vectors)
    {
        ModelGuard.Fitted(TrainingData, Name);
        FactorVectors.ItemsWithBias(_q, _bi, Options.Factors, vectors);
    }

    /// <inheritdoc/>
    public void UserVector(int user, Span<float> vector)
    {
        ModelGuard.Fitted(TrainingData, Name);
        FactorVectors.UserWithBias(_p, user, Options.Factors, vector);
    }

    /// <inheritdoc/>
    public float UserOffset(int user) => _mu + _bu[user];
}
