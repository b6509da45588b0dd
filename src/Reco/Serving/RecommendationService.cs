using Reco.Data;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Numerics;
using Reco.Serialization;

namespace Reco.Serving;

/// <summary>
/// Answers requests by id from any fitted <see cref="IRecommender"/>: the one place that maps the ids users
/// send to the model's indices and the model's answers back to ids and labels, and the one fallback for
/// users the model does not know. A user is known when the model saw at least one of their interactions in
/// training; anyone else gets the training data's most interacted-with items (<see cref="Popularity"/>),
/// with <see cref="Recommendation.Fallback"/> saying why, never the scores of an untrained or empty profile.
/// </summary>
public sealed class RecommendationService
{
    private readonly Lazy<Popularity> _popularity;
    private readonly Lazy<int> _knownUsers;

    /// <summary>Serves <paramref name="model"/>, which must be fitted.</summary>
    /// <param name="model">The model.</param>
    /// <param name="provenance">What it was trained on, when known (a saved model records it).</param>
    public RecommendationService(IRecommender model, TrainingProvenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        TrainingData = model.TrainingData ?? throw new ArgumentException($"Fit the {model.Name} model before serving it.", nameof(model));
        Provenance = provenance;
        _popularity = new Lazy<Popularity>(() =>
        {
            var popularity = new Popularity();
            popularity.Fit(TrainingData);
            return popularity;
        });
        _knownUsers = new Lazy<int>(() => Enumerable.Range(0, TrainingData.UserCount).Count(u => TrainingData.ByUser().ItemsOf(u).Length > 0));
    }

    /// <summary>The model.</summary>
    public IRecommender Model { get; }

    /// <summary>What the model was trained on (its users, items and interactions).</summary>
    public Interactions TrainingData { get; }

    /// <summary>What the model was trained on, when known.</summary>
    public TrainingProvenance? Provenance { get; }

    /// <summary>Loads the model saved in <paramref name="directory"/>, verifying every file.</summary>
    public static RecommendationService Load(string directory)
    {
        var saved = RecommenderFile.Load(directory);
        return new RecommendationService(saved.Model, saved.Provenance);
    }

    /// <summary>The model's index of <paramref name="userId"/> when the model saw at least one interaction of theirs, else −1.</summary>
    public int KnownUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int user = TrainingData.Users.IndexOf(userId);
        return user >= 0 && TrainingData.ByUser().ItemsOf(user).Length > 0 ? user : -1;
    }

    /// <summary>The model's index of <paramref name="itemId"/>, or −1.</summary>
    public int ItemIndex(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return TrainingData.Items.IndexOf(itemId);
    }

    /// <summary>The best <paramref name="k"/> items for the user with id <paramref name="userId"/>.</summary>
    public Recommendation Recommend(string userId, int k, RecommendationRequest? request = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        request ??= new RecommendationRequest();
        int user = KnownUser(userId);
        var filter = Filter(request);
        if (user >= 0)
        {
            var items = Model.Recommend(user, k, request.ExcludeSeen, filter);
            return new Recommendation(userId, [.. items.Select(Item)], null);
        }

        return new Recommendation(
            userId,
            Popular(k, filter),
            $"user '{userId}' is not among the {_knownUsers.Value:N0} users the model was trained on; showing the most popular items instead");
    }

    /// <summary>The <paramref name="k"/> items the model finds most like <paramref name="itemId"/>.</summary>
    /// <exception cref="ArgumentException">The item is unknown, or the model does not compute item similarities.</exception>
    public IReadOnlyList<RecommendedItem> Similar(string itemId, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int item = ItemIndex(itemId);
        if (item < 0)
        {
            throw new ArgumentException($"Item '{itemId}' is not among the {TrainingData.ItemCount:N0} items of the model.");
        }

        if (Model is not ISimilarItems similar)
        {
            throw new ArgumentException($"The {Model.Name} model does not compute item similarities; {SimilarModels()} do.");
        }

        return [.. similar.SimilarItems(item, k).Select(Item)];
    }

    /// <summary>
    /// The best <paramref name="k"/> items for someone the model was not trained on, from the ids of the
    /// items they interacted with: scored by fold-in where the model supports it, else the popularity fallback.
    /// Their own items are left out; ids the model does not know are ignored.
    /// </summary>
    public Recommendation RecommendForHistory(IReadOnlyList<string> itemIds, int k, RecommendationRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        request ??= new RecommendationRequest();
        var history = itemIds.Select(ItemIndex).Where(i => i >= 0).Distinct().Order().ToArray();
        var filter = Filter(request);
        Func<int, bool> allowed = filter is null ? i => Array.BinarySearch(history, i) < 0 : i => Array.BinarySearch(history, i) < 0 && filter(i);
        if (Model is not IFoldIn foldIn || history.Length == 0)
        {
            string why = history.Length == 0 ? "none of the given items is known to the model" : $"the {Model.Name} model cannot score a new user's history";
            return new Recommendation("(new user)", Popular(k, allowed), $"{why}; showing the most popular items instead");
        }

        var scores = new float[TrainingData.ItemCount];
        foldIn.ScoreNewUser(history, [], scores);
        return new Recommendation("(new user)", Best(scores, k, allowed), null);
    }

    /// <summary>The training items of the user that led the model to score <paramref name="itemId"/>, when the model explains itself.</summary>
    public IReadOnlyList<RecommendedItem> Explain(string userId, string itemId, int count)
    {
        int user = KnownUser(userId);
        int item = ItemIndex(itemId);
        if (user < 0 || item < 0 || Model is not IExplainable explainable)
        {
            return [];
        }

        return [.. explainable.Explain(user, item, count).Select(Item)];
    }

    /// <summary>The user's training items, with their ratings (or 1 for implicit data).</summary>
    public IReadOnlyList<RecommendedItem> History(string userId)
    {
        int user = TrainingData.Users.IndexOf(userId);
        if (user < 0)
        {
            return [];
        }

        var byUser = TrainingData.ByUser();
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        var history = new List<RecommendedItem>(items.Length);
        for (int p = 0; p < items.Length; p++)
        {
            history.Add(Item(new ScoredItem(items[p], values[p])));
        }

        return history;
    }

    /// <summary>
    /// The model's index of each of <paramref name="items"/>: by id, or by label when the model's items are
    /// labels (a model trained on movie titles, as the TFRS tutorials do, evaluated on data keyed by movie id);
    /// −1 for an item the model does not know.
    /// </summary>
    public int[] MapItems(IdMap items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = new int[items.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = ItemIndex(items[i]);
            rows[i] = row >= 0 ? row : TrainingData.Items.IndexOf(items.LabelOf(i));
        }

        return rows;
    }

    /// <summary>
    /// Scores for evaluating the model on other data that names users and items by the same ids (or items by
    /// the labels the model was trained on): for each of <paramref name="data"/>'s users a score for each of its
    /// items; items the model does not know score lowest, users it does not know get the popularity fallback's scores.
    /// </summary>
    public Evaluation.ScoreFunction ScoresFor(Interactions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var itemRows = MapItems(data.Items);

        var popularity = _popularity.Value.ItemScores.ToArray();
        return (user, scores) =>
        {
            int row = KnownUser(data.Users[user]);
            var own = new float[TrainingData.ItemCount];
            if (row >= 0)
            {
                Model.ScoreItems(row, own);
            }
            else
            {
                popularity.CopyTo(own, 0);
            }

            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = itemRows[i] >= 0 ? own[itemRows[i]] : float.MinValue;
            }
        };
    }

    private static string SimilarModels() => "item-knn, ease, als, bpr, biased-mf, svdpp, content and two-tower";

    private Func<int, bool>? Filter(RecommendationRequest request)
    {
        var exclude = request.Exclude;
        var candidates = request.Candidates;
        if ((exclude is null || exclude.Count == 0) && candidates is null)
        {
            return null;
        }

        var items = TrainingData.Items;
        return i => (exclude is null || !exclude.Contains(items[i])) && (candidates is null || candidates.Contains(items[i]));
    }

    private List<RecommendedItem> Popular(int k, Func<int, bool>? allowed) => Best(_popularity.Value.ItemScores.ToArray(), k, allowed);

    private List<RecommendedItem> Best(float[] scores, int k, Func<int, bool>? allowed)
    {
        var best = new int[Math.Min(k, scores.Length)];
        int found = TopK.Select(scores, best, allowed is null ? null : i => !allowed(i));
        return [.. best[..found].Select(i => Item(new ScoredItem(i, scores[i])))];
    }

    private RecommendedItem Item(ScoredItem scored) => new(TrainingData.Items[scored.Item], TrainingData.Items.LabelOf(scored.Item), scored.Score);
}
