using Reco.Indexes;

namespace Reco.Tests.Indexes;

public class BruteForceTests
{
    [Fact]
    public void ReturnsTheHighestDotProductsBestFirst()
    {
        var users = TestData.Tower(["42"], [0, 0, 1, 2], 2);
        var items = TestData.Tower(["a", "b", "c", "d"], [0, 0, 1, 0, 0, 1, 1, 1, -1, 0], 2);

        // Scores for (1, 2): a = 1, b = 2, c = 3, d = -1.
        var index = new BruteForce<string, string>(users).IndexFrom(["a", "b", "c", "d"], items);
        var (scores, ids) = index.Query("42", k: 3);

        Assert.Equal(new[] { "c", "b", "a" }, ids);
        Assert.Equal(new[] { 3f, 2f, 1f }, scores);
    }

    [Fact]
    public void MatchesNaiveRankingAndHonoursExclusions()
    {
        var random = new Random(4);
        int d = 5, n = 300;
        var names = Enumerable.Range(0, n).Select(i => $"m{i}").ToArray();
        var items = TestData.Tower(names, [.. Enumerable.Range(0, (n + 1) * d).Select(_ => (float)random.NextDouble())], d);
        var users = TestData.Tower(["u1", "u2"], [.. Enumerable.Range(0, 3 * d).Select(_ => (float)random.NextDouble())], d);
        var index = new BruteForce<string, string>(users, k: 10).IndexFrom(names, items);

        var results = index.Query(["u1", "u2"], exclude: i => i == 0 ? new HashSet<string> { "m0", "m1" } : null);
        for (int q = 0; q < 2; q++)
        {
            var u = users.Embedding[q + 1].ToArray();
            var expected = names
                .Where(name => q != 0 || (name != "m0" && name != "m1"))
                .OrderByDescending(name => Enumerable.Range(0, d).Sum(k => (double)u[k] * items.Embedding[items.Lookup.Lookup(name)][k]))
                .Take(10);
            Assert.Equal(expected, results[q].Identifiers);
        }
    }

    [Fact]
    public void EmptyIndexAndMismatchedInputsAreClearErrors()
    {
        var users = TestData.Tower(["u"], [0, 0, 1, 1], 2);
        var index = new BruteForce<string, string>(users);
        Assert.Throws<InvalidOperationException>(() => index.Query("u"));
        Assert.Throws<ArgumentException>(() => index.Index(["a", "b"], new Reco.Layers.EmbeddingMatrix(1, 2, [1, 1])));
    }
}
