namespace Reco.Models.TwoTower;

/// <summary>The towers' outputs as an <see cref="IVectorModel"/>: a score is the query embedding · the candidate embedding.</summary>
public sealed partial class TwoTowerModel<TQuery, TCandidate> : IVectorModel
{
    /// <inheritdoc/>
    public int VectorDimension => QueryModel.OutputDim;

    /// <inheritdoc/>
    public void ItemVectors(Span<float> vectors)
    {
        var train = Persistence.ModelGuard.Fitted(TrainingData, Name);
        Embeddings(train).Items.CopyTo(vectors);
    }

    /// <inheritdoc/>
    public void UserVector(int user, Span<float> vector)
    {
        var train = Persistence.ModelGuard.Fitted(TrainingData, Name);
        int d = VectorDimension;
        Embeddings(train).Users.AsSpan(user * d, d).CopyTo(vector);
    }
}
