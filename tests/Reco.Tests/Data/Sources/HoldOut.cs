using Reco.Data;
using Reco.Models;

namespace Reco.Tests.Data.Sources;

/// <summary>Leave-last-out evaluation for the database tests: each user's latest interaction is held out.</summary>
internal static class HoldOut
{
    public static (Interactions Train, Interactions Test) LastPerUser(Interactions data)
    {
        var last = new int[data.UserCount];
        Array.Fill(last, -1);
        for (int row = 0; row < data.Count; row++)
        {
            int user = data.UserIndices[row];
            if (last[user] < 0 || data.Timestamps[row] >= data.Timestamps[last[user]])
            {
                last[user] = row;
            }
        }

        var test = last.Where(r => r >= 0).Order().ToArray();
        var held = new HashSet<int>(test);
        var train = Enumerable.Range(0, data.Count).Where(r => !held.Contains(r)).ToArray();
        return (data.Subset(train), data.Subset(test));
    }

    /// <summary>The share of held-out interactions whose item is in the user's top <paramref name="k"/>.</summary>
    public static double HitRate(IRecommender model, Interactions test, int k)
    {
        int hits = 0;
        for (int row = 0; row < test.Count; row++)
        {
            var top = model.Recommend(test.UserIndices[row], k, excludeSeen: false);
            hits += top.Any(s => s.Item == test.ItemIndices[row]) ? 1 : 0;
        }

        return (double)hits / test.Count;
    }
}
