using Reco.Data;
using Reco.Layers;

namespace Reco.Tests;

/// <summary>Small generated data sets and towers for tests.</summary>
internal static class TestData
{
    /// <summary>Interactions given by index: users u0..u(users−1), items i0..i(items−1), rows (u[k], i[k]) with optional ratings.</summary>
    public static Interactions Indexed(int users, int items, int[] u, int[] i, float[]? ratings = null) =>
        new(new IdMap(Enumerable.Range(0, users).Select(x => $"u{x}")), new IdMap(Enumerable.Range(0, items).Select(x => $"i{x}")), u, i, ratings);

    /// <summary>
    /// Users u0..u(users-1) and items i0..i(items-1) in <paramref name="clusters"/> groups; each user
    /// interacts only with items of its own group, so a trained model can learn the structure.
    /// </summary>
    public static (string User, string Item)[] ClusteredInteractions(int users, int items, int clusters, int perUser, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(string, string)>();
        for (int u = 0; u < users; u++)
        {
            int cluster = u % clusters;
            var own = Enumerable.Range(0, items).Where(i => i % clusters == cluster).ToArray();
            for (int r = 0; r < perUser; r++)
            {
                pairs.Add(($"u{u}", $"i{own[random.Next(own.Length)]}"));
            }
        }

        return [.. pairs.OrderBy(_ => random.Next())];
    }

    public static Sequential<string> Tower(IEnumerable<string> vocabulary, float[] weights, int dim)
    {
        var lookup = new StringLookup(vocabulary);
        return new Sequential<string>(lookup, new Embedding(lookup.VocabularySize, dim, weights));
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "reco-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
