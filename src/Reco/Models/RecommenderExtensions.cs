using Reco.Models.Persistence;
using Reco.Numerics;

namespace Reco.Models;

/// <summary>Top-k recommendation for every <see cref="IRecommender"/>.</summary>
public static class RecommenderExtensions
{
    /// <summary>The <paramref name="k"/> best items for <paramref name="user"/>, best first.</summary>
    /// <param name="recommender">A fitted model.</param>
    /// <param name="user">The user's index in the training data.</param>
    /// <param name="k">How many items.</param>
    /// <param name="excludeSeen">Leave out the items the user interacted with in training (the default).</param>
    /// <param name="candidates">When given, only items for which it returns true are considered.</param>
    public static IReadOnlyList<ScoredItem> Recommend(this IRecommender recommender, int user, int k, bool excludeSeen = true, Func<int, bool>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var train = recommender.TrainingData ?? throw new InvalidOperationException($"Fit the {recommender.Name} model before asking for recommendations.");
        ModelGuard.User(train, user);

        var scores = new float[train.ItemCount];
        recommender.ScoreItems(user, scores);
        var seen = excludeSeen ? train.ByUser().ItemsOf(user).ToArray() : [];
        Func<int, bool>? exclude = (seen.Length, candidates) switch
        {
            (0, null) => null,
            (0, _) => i => !candidates(i),
            (_, null) => i => Array.BinarySearch(seen, i) >= 0,
            _ => i => Array.BinarySearch(seen, i) >= 0 || !candidates(i),
        };
        var best = new int[Math.Min(k, scores.Length)];
        int found = TopK.Select(scores, best, exclude);
        var result = new ScoredItem[found];
        for (int r = 0; r < found; r++)
        {
            result[r] = new ScoredItem(best[r], scores[best[r]]);
        }

        return result;
    }
}
