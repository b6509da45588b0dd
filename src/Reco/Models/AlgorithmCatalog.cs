using Reco.Data;
using Reco.Models.Baselines;
using Reco.Models.Content;
using Reco.Models.Ensembles;
using Reco.Models.Factorization;
using Reco.Models.Neighbourhood;
using Reco.Models.TwoTower;

namespace Reco.Models;

/// <summary>Every algorithm by name, with its hyper-parameters and defaults (read from each algorithm's options record).</summary>
public static class AlgorithmCatalog
{
    private static readonly Algorithm[] Entries =
    [
        Algorithm.Of<PopularityOptions>("popularity", "Most popular items by interaction count (or summed rating), the same for every user.", o => new Popularity(o)),
        Algorithm.Of<RandomOptions>("random", "Random scores (seeded), the floor every model must beat.", o => new RandomRecommender(o)),
        Algorithm.Of<MeanRatingOptions>("average", "Predicts the global, user or item mean rating.", o => new MeanRating(o)),
        Algorithm.Of<BaselineOptions>("baseline", "User and item biases, mu + b_u + b_i, by regularised ALS (Surprise's BaselineOnly).", o => new BaselineBiases(o)),
        Algorithm.WithItemFeatures<ContentOptions>("content", "Cosine between item feature vectors and the user's rating-weighted profile (needs item features).", (o, features) => new ContentBased(features, o)),
        Algorithm.Of<KnnOptions>("user-knn", "User-based k-nearest neighbours.", o => new UserKnn(o))
            .Needs<KnnOptions>((o, users, items) => Neighbours(o, users, users, items, "user × user")),
        Algorithm.Of<KnnOptions>("item-knn", "Item-based k-nearest neighbours with precomputed neighbour lists.", o => new ItemKnn(o))
            .Needs<KnnOptions>((o, users, items) => Neighbours(o, items, users, items, "item × item")),
        Algorithm.Of<BiasedMatrixFactorizationOptions>("biased-mf", "Biased matrix factorisation by SGD (Funk SVD, Surprise's SVD).", o => new BiasedMatrixFactorization(o))
            .Needs<BiasedMatrixFactorizationOptions>((o, users, items) => Factors(o.Factors, users, items, BiasedMatrixFactorization.FactorCopies)),
        Algorithm.Of<SvdPlusPlusOptions>("svdpp", "SVD++: biased MF plus implicit feedback from the set of rated items.", o => new SvdPlusPlus(o))
            .Needs<SvdPlusPlusOptions>((o, users, items) => Factors(o.Factors, users, items, SvdPlusPlus.FactorCopies)),
        Algorithm.Of<ImplicitAlsOptions>("als", "Implicit ALS (WRMF) with confidence 1 + alpha*w and a conjugate-gradient solver.", o => new ImplicitAls(o))
            .Needs<ImplicitAlsOptions>((o, users, items) => Factors(o.Factors, users, items, ImplicitAls.FactorCopies)),
        Algorithm.Of<BprOptions>("bpr", "Bayesian personalised ranking: pairwise SGD with sampled negatives.", o => new Bpr(o))
            .Needs<BprOptions>((o, users, items) => Factors(o.Factors, users, items, Bpr.FactorCopies)),
        Algorithm.Of<LinearBlendOptions>("blend", "Linear blend (stacking) of SVD++, biased MF, item-KNN, user-KNN and baselines, weights fitted by ridge regression on a held-out share.", o => new LinearBlend(options: o))
            .Needs<LinearBlendOptions>((_, users, items) => new(((double)users * items / 4) + (8.0 * (((double)items * items) + ((double)users * users))) + Floats(400.0 * (users + items)), "its members' rating bit sets, neighbour lists and factors")),
        Algorithm.Of<EaseOptions>("ease", "EASE: closed-form item-item autoencoder, B = I - P diagMat(1/diag(P)), P = (X'X + lambda I)^-1.", o => new Ease(o))
            .Needs<EaseOptions>((_, _, items) => new(Ease.MemoryBytes(items, 0), "its item × item matrix")),
        Algorithm.Of<TwoTowerOptions>("two-tower", "User-id and item-id embedding towers (with optional side features) trained with the softmax of TFRS's retrieval task.", o => TwoTowerModel.ForIds(o))
            .Needs<TwoTowerOptions>((o, users, items) => new(Floats((3.0 * o.EmbeddingDim * ((double)users + items)) + (8.0 * o.BatchSize * o.EmbeddingDim)), $"its dim={o.EmbeddingDim} embedding tables, optimizer state and batch buffers")),
    ];

    private static double Floats(double count) => 4 * count;

    /// <summary>
    /// The KNN models: a user × item bit set, one row of similarity sums per thread and, at most, every
    /// kept neighbour of every entity (all of them when list-size is 0, the bound used here).
    /// </summary>
    private static MemoryEstimate Neighbours(KnnOptions o, int entities, int users, int items, string what)
    {
        double kept = Math.Min(NeighbourLists.Kept(entities, o.K, o.ListSize), Math.Max(entities - 1, 0));
        double bytes = ((double)users * items / 8) + (8.0 * entities * kept) + (48.0 * entities * Environment.ProcessorCount);
        return new(bytes, $"its user × item bit set and up to {kept:N0} {what} neighbours each");
    }

    private static MemoryEstimate Factors(int factors, int users, int items, int copies) => MemoryEstimate.ForFactors(factors, users, items, copies);

    /// <summary>All algorithms.</summary>
    public static IReadOnlyList<Algorithm> All => Entries;

    /// <summary>Finds an algorithm by name.</summary>
    /// <exception cref="ArgumentException">No such algorithm; the message lists them.</exception>
    public static Algorithm Get(string name) => Entries.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"Unknown algorithm '{name}'; expected one of: {string.Join(", ", Entries.Select(a => a.Name))}.");

    /// <summary>Creates <paramref name="name"/> with <paramref name="options"/> (<c>key=value</c> strings) over its defaults.</summary>
    public static IRecommender Create(string name, IEnumerable<string>? options = null) => Create(name, options, null);

    /// <summary>Creates <paramref name="name"/> with <paramref name="options"/> and side data for the algorithms that use it.</summary>
    /// <param name="name">The algorithm.</param>
    /// <param name="options"><c>key=value</c> strings over its defaults.</param>
    /// <param name="itemFeatures">Item features (used by <c>content</c>; ignored by the rest).</param>
    public static IRecommender Create(string name, IEnumerable<string>? options, ItemFeatures? itemFeatures)
    {
        var algorithm = Get(name);
        return algorithm.Create(AlgorithmOptions.Parse(algorithm, options ?? [], itemFeatures));
    }
}
