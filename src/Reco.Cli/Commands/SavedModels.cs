using Reco.Deployment;
using Reco.Models;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary>Answers from a model saved with <see cref="RecommenderFile"/>, in the shape of <see cref="Recommendation"/>.</summary>
internal static class SavedModels
{
    /// <summary>Top k for a user id; an unknown user gets the most popular items with a fallback note.</summary>
    public static Recommendation Recommend(SavedRecommender saved, string user, int k)
    {
        var items = saved.Model.Recommend(user, k, out bool known);
        string? fallback = known ? null
            : $"user '{user}' is not among the {saved.Model.TrainingData!.UserCount} users the model was trained on; showing the most popular items instead";
        return new Recommendation(user, [.. items.Select(i => saved.Label(i.Item))], [.. items.Select(i => i.Score)], fallback);
    }

    /// <summary>The k items most like the item with id <paramref name="item"/>.</summary>
    public static IReadOnlyList<(string Id, string Label, float Score)> Similar(SavedRecommender saved, string item, int k)
    {
        var train = saved.Model.TrainingData!;
        int index = train.Items.IndexOf(item);
        if (index < 0)
        {
            throw new ArgumentException($"Item '{item}' is not among the {train.ItemCount} items of the model.");
        }

        if (saved.Model is not ISimilarItems similar)
        {
            throw new ArgumentException($"The {saved.Model.Name} model does not compute item similarities; try item-knn, ease, als, bpr, biased-mf, svdpp or content.");
        }

        return [.. similar.SimilarItems(index, k).Select(s => (train.Items[s.Item], saved.Label(s.Item), s.Score))];
    }
}
