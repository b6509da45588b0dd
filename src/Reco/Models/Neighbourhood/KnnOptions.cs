using Reco.Models.Options;

namespace Reco.Models.Neighbourhood;

/// <summary>Hyper-parameters of <see cref="ItemKnn"/> and <see cref="UserKnn"/>.</summary>
public sealed record KnnOptions
{
    /// <summary>Neighbours per prediction: the most similar items the user rated (item-KNN) or users who rated the item (user-KNN).</summary>
    [Hyperparameter("k", "Neighbours per prediction.", Minimum = 1)]
    public int K { get; init; } = 40;

    /// <summary>The similarity measure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that names no measure.</exception>
    [Hyperparameter("similarity", "How alike two items (users) are.")]
    public SimilarityMeasure Similarity
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Similarity), value, "There is no such similarity measure.");
    } = SimilarityMeasure.Cosine;

    /// <summary>
    /// Shrinks similarities by (c−1)/(c−1+shrinkage), c = common raters. 0 is Surprise's plain cosine, which
    /// rates a pair with one common rater 1.0 and ranks rarely rated items first.
    /// </summary>
    [Hyperparameter("shrinkage", "Shrink similarities by (c-1)/(c-1+shrinkage), c = common raters.", Minimum = 0)]
    public float Shrinkage { get; init; } = 100f;

    /// <summary>What ratings are measured against (KNNBasic, KNNWithMeans, KNNBaseline).</summary>
    [Hyperparameter("centring", "What ratings are measured against.")]
    public Centring Centring { get; init; } = Centring.Means;

    /// <summary>Neighbours precomputed per item (user), best first; 0 keeps every positively similar one.</summary>
    [Hyperparameter("list-size", "Neighbours kept per item (user); 0: all positively similar.", Minimum = 0)]
    public int ListSize { get; init; }
}
