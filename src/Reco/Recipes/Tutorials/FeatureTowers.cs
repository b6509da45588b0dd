using Reco.Data;
using Reco.Layers;
using Reco.Layers.Preprocessing;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// The towers of TFRS's featurization tutorial, which the context-features and deep-recommenders tutorials
/// build on: a query tower over (user id, timestamp) — the id's embedding, the embedding of the timestamp's
/// bucket among 1,000 evenly spaced boundaries, and the standardised timestamp — and a candidate tower over
/// titles — the title's embedding and the mean embedding of its words (at most 10,000 tokens) — each
/// followed by dense layers.
/// </summary>
public static class FeatureTowers
{
    /// <summary>The query tower over (user id, timestamp), with or without the timestamp features, then <paramref name="layers"/> (ReLU between them, none after the last).</summary>
    public static ITower<(string User, long Timestamp)> Query(Interactions data, bool useTimestamps, IReadOnlyList<int> layers, int embeddingDim = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var users = new StringLookup(TutorialData.UserIds(data));
        var parts = new List<ITower<(string User, long Timestamp)>>
        {
            new Feature<(string User, long Timestamp), string>(x => x.User, new Sequential<string>(users, new Embedding(users.VocabularySize, embeddingDim))),
        };
        if (useTimestamps)
        {
            if (!data.HasTimestamps)
            {
                throw new ArgumentException("The timestamp features need interactions with times; this data has none.", nameof(data));
            }

            var times = data.Timestamps.ToArray();
            var buckets = Discretization.Uniform(times.Min(), times.Max(), 1000);
            var normalization = new Normalization();
            normalization.Adapt(times.Select(t => (double)t));
            parts.Add(new Feature<(string User, long Timestamp), double>(x => x.Timestamp, new Sequential<double>(buckets, new Embedding(buckets.VocabularySize, embeddingDim))));
            parts.Add(new Feature<(string User, long Timestamp), double>(x => x.Timestamp, normalization));
        }

        return new Stacked<(string User, long Timestamp)>(new Concatenate<(string User, long Timestamp)>([.. parts]), Dense(layers));
    }

    /// <summary>The candidate tower over titles: the title's embedding and its words' mean embedding, then <paramref name="layers"/>.</summary>
    public static ITower<string> Candidate(Interactions data, IReadOnlyList<int> layers, int embeddingDim = 32, int maxTokens = 10_000)
    {
        ArgumentNullException.ThrowIfNull(data);
        var movies = TutorialData.Titles(data);
        var titles = new StringLookup(TutorialData.Unique(movies));
        var vectorizer = new TextVectorization(maxTokens);
        vectorizer.Adapt(movies);
        var features = new Concatenate<string>(
            new Sequential<string>(titles, new Embedding(titles.VocabularySize, embeddingDim)),
            new PooledEmbedding<string>(vectorizer.Tokens, new Embedding(maxTokens, embeddingDim)));
        return new Stacked<string>(features, Dense(layers));
    }

    /// <summary>ReLU layers of the given sizes, the last one linear (as the deep-recommenders tutorial's towers).</summary>
    internal static ILayer[] Dense(IReadOnlyList<int> layers) =>
        [.. layers.Select((units, i) => new Layers.Dense(units, i == layers.Count - 1 ? Activation.Linear : Activation.Relu))];
}
