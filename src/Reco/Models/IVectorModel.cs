namespace Reco.Models;

/// <summary>
/// A model whose score of an item for a user is a dot product of a user vector and an item vector, plus a
/// term that depends on the user only: score(u, i) = offset(u) + vector(u)·vector(i). Such a model can be
/// answered by a top-k inner-product index over its item vectors (<see cref="Indexes.IVectorIndex"/>), with
/// exactly the ranking of <see cref="IRecommender.ScoreItems"/>. Item biases are folded in as extra
/// coordinates (a user coordinate of 1 times the item's bias), so that the ranking stays exact.
/// </summary>
public interface IVectorModel
{
    /// <summary>Length of the user and item vectors.</summary>
    int VectorDimension { get; }

    /// <summary>
    /// How many leading coordinates are the learned embedding; the rest carry folded-in bias terms, which
    /// item-to-item similarity (diversity, explanations) leaves out. Equal to <see cref="VectorDimension"/>
    /// for models without item biases.
    /// </summary>
    int EmbeddingDimension => VectorDimension;

    /// <summary>Writes every item's vector, row-major (item count × <see cref="VectorDimension"/>).</summary>
    void ItemVectors(Span<float> vectors);

    /// <summary>Writes the vector of <paramref name="user"/> (a training user's index); <see cref="VectorDimension"/> floats.</summary>
    void UserVector(int user, Span<float> vector);

    /// <summary>The part of <paramref name="user"/>'s scores that is the same for every item (for example μ + b_u), added to the dot products.</summary>
    float UserOffset(int user) => 0f;
}
