using Reco.Models.Persistence;

namespace Reco.Models.Factorization;

/// <summary>The user and item factors as an <see cref="IVectorModel"/>: a score is x_u·y_i.</summary>
public sealed partial class ImplicitAls : IVectorModel
{
    /// <inheritdoc/>
    public int VectorDimension => Options.Factors;

    /// <inheritdoc/>
    public void ItemVectors(Span<float> vectors)
    {
        ModelGuard.Fitted(TrainingData, Name);
        _y.CopyTo(vectors);
    }

    /// <inheritdoc/>
    public void UserVector(int user, Span<float> vector)
    {
        ModelGuard.Fitted(TrainingData, Name);
        _x.AsSpan(user * Options.Factors, Options.Factors).CopyTo(vector);
    }
}
