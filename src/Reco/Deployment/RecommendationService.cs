using Reco.Indexes;
using Reco.Numerics;
using Reco.Serialization;

namespace Reco.Deployment;

/// <summary>
/// Answers "top k for user u" from a saved two-tower model with a brute-force index over its catalogue.
/// A user the model has never seen gets the catalogue's most popular items instead (the documented
/// fallback), with <see cref="Recommendation.Fallback"/> saying so, rather than the untrained
/// out-of-vocabulary embedding.
/// </summary>
public sealed class RecommendationService
{
    private readonly SavedTwoTowerModel _saved;
    private readonly BruteForce<string, string> _index;
    private readonly int[] _popularOrder;

    /// <summary>Builds the index over the saved catalogue.</summary>
    public RecommendationService(SavedTwoTowerModel saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        _saved = saved;
        _index = new BruteForce<string, string>(saved.Model.QueryModel).IndexFrom(saved.Catalogue.Items, saved.Model.CandidateModel);
        var counts = saved.Catalogue.Counts.Select(c => (float)c).ToArray();
        _popularOrder = new int[counts.Length];
        int found = TopK.Select(counts, _popularOrder);
        Array.Resize(ref _popularOrder, found);
    }

    /// <summary>Loads the model at <paramref name="directory"/> and indexes it.</summary>
    public static RecommendationService Load(string directory) => new(TwoTowerModelFile.Load(directory));

    /// <summary>The number of users the model knows.</summary>
    public int KnownUsers => _saved.Model.QueryModel.Lookup.VocabularySize - 1;

    /// <summary>Whether the model was trained on this user.</summary>
    public bool IsKnown(string user) => _saved.Model.QueryModel.Lookup.Lookup(user) != 0;

    /// <summary>The best <paramref name="k"/> items for <paramref name="user"/>.</summary>
    public Recommendation Recommend(string user, int k, ISet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (IsKnown(user))
        {
            var result = _index.Query(user, k, exclude);
            return new Recommendation(user, result.Identifiers, result.Scores, null);
        }

        var items = new List<string>(k);
        var scores = new List<float>(k);
        foreach (int i in _popularOrder)
        {
            var item = _saved.Catalogue.Items[i];
            if (exclude?.Contains(item) == true)
            {
                continue;
            }

            items.Add(item);
            scores.Add(_saved.Catalogue.Counts[i]);
            if (items.Count == k)
            {
                break;
            }
        }

        return new Recommendation(user, items, scores, $"user '{user}' is not among the {KnownUsers} users the model was trained on; showing the most popular items instead");
    }
}
