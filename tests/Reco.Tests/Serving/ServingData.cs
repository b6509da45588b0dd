using Reco.Data;
using Reco.Models;
using Reco.Training;

namespace Reco.Tests.Serving;

/// <summary>A small labelled data set and models with hand-set scores for the serving tests.</summary>
internal static class ServingData
{
    /// <summary>Items a … f; a is interacted with 4 times, b 3, c 2, d 1, e and f never.</summary>
    public static readonly string[] ItemIds = ["a", "b", "c", "d", "e", "f"];

    /// <summary>
    /// Users u1 … u4 with ratings, and <c>ghost</c>, who is in the user map but has no interaction. Items
    /// carry labels (Alpha …) except f.
    /// </summary>
    public static Interactions Labelled()
    {
        var users = new IdMap(["u1", "u2", "u3", "u4", "ghost"]);
        var items = new IdMap(ItemIds);
        string[] labels = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"];
        for (int i = 0; i < labels.Length; i++)
        {
            items.SetLabel(i, labels[i]);
        }

        (string User, string Item, float Rating)[] rows =
        [
            ("u1", "a", 5), ("u1", "b", 3), ("u1", "c", 4),
            ("u2", "a", 4), ("u2", "b", 2),
            ("u3", "d", 5), ("u3", "a", 1),
            ("u4", "a", 3), ("u4", "b", 4), ("u4", "c", 2),
        ];
        return new Interactions(
            users,
            items,
            [.. rows.Select(r => users.IndexOf(r.User))],
            [.. rows.Select(r => items.IndexOf(r.Item))],
            [.. rows.Select(r => r.Rating)]);
    }

    /// <summary>
    /// Scores item i as i + user/10 (f best, a worst, for everyone); a new user's history scores item i as
    /// 10 − i (a best); explains an item by the user's training items, highest rating first.
    /// </summary>
    internal class Stub : IRecommender, IFoldIn, IExplainable
    {
        public string Name => "stub";

        public Interactions? TrainingData { get; private set; }

        public List<int[]> FoldIns { get; } = [];

        public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null) => TrainingData = train;

        public void ScoreItems(int user, Span<float> scores)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = i + (user / 10f);
            }
        }

        public void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
        {
            FoldIns.Add(items.ToArray());
            Assert.True(ratings.IsEmpty);
            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = 10 - i;
            }
        }

        public IReadOnlyList<ScoredItem> Explain(int user, int item, int count)
        {
            var byUser = TrainingData!.ByUser();
            var items = byUser.ItemsOf(user).ToArray();
            var ratings = byUser.ValuesOf(user).ToArray();
            return [.. items.Zip(ratings).OrderByDescending(p => p.Second).Take(count).Select(p => new ScoredItem(p.First, p.Second))];
        }
    }

    /// <summary>The stub, and item i's neighbours are i+1, i+2, … with scores 1/2, 1/3, ….</summary>
    internal sealed class SimilarStub : Stub, ISimilarItems
    {
        public IReadOnlyList<ScoredItem> SimilarItems(int item, int k) =>
            [.. Enumerable.Range(1, k).Where(o => item + o < TrainingData!.ItemCount).Select(o => new ScoredItem(item + o, 1f / (o + 1)))];
    }

    public static T Fitted<T>(T model, Interactions data)
        where T : IRecommender
    {
        model.Fit(data);
        return model;
    }
}
