using Reco.Indexes;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Indexes;

public class ExactIndexTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(5, 1, 3, 10)]
    [InlineData(37, 3, 7, 5)]
    [InlineData(1000, 16, 70, 10)]
    [InlineData(3000, 64, 130, 20)]
    [InlineData(2100, 33, 3, 1)]
    public void MatchesNaiveDoublePrecisionSearch(int n, int d, int queryCount, int k)
    {
        var items = IndexReference.Random(n * d, seed: n + d);
        var queries = IndexReference.Random(queryCount * d, seed: 3 * n);
        using var index = ExactIndex.Build(items, d);
        var results = index.Search(queries, k);

        Assert.Equal(queryCount, results.QueryCount);
        for (int q = 0; q < queryCount; q++)
        {
            var expected = IndexReference.TopK(items, d, queries, q, k);
            Assert.Equal(Math.Min(k, n), results.Found(q));
            AssertSameUpToTies(expected, results.Ids(q), results.Scores(q), items, queries, q, d);
        }
    }

    [Fact]
    public void SingleQueriesAgreeWithTheBatch()
    {
        int n = 5000, d = 24;
        var items = IndexReference.Random(n * d, 1);
        var queries = IndexReference.Random(9 * d, 2);
        using var index = ExactIndex.Build(items, d);
        var batch = index.Search(queries, 10);
        for (int q = 0; q < 9; q++)
        {
            var one = index.Search(queries.AsSpan(q * d, d), 10);
            Assert.Equal(batch.Ids(q).ToArray(), one.Ids(0).ToArray());
            Assert.Equal(batch.Scores(q).ToArray(), one.Scores(0).ToArray());
        }
    }

    [Fact]
    public void TiesGoToTheFirstItem()
    {
        // Four identical items: the first two positions win, in order.
        var items = new float[] { 1, 2, 1, 2, 1, 2, 1, 2 };
        using var index = ExactIndex.Build(items, 2, [40, 30, 20, 10]);
        var results = index.Search([1f, 1f], 2);
        Assert.Equal(new[] { 40, 30 }, results.Ids(0).ToArray());
    }

    [Fact]
    public void KLargerThanTheCatalogueReturnsEveryItemAndMarksTheRest()
    {
        var items = new float[] { 1, 0, 0, 1, -1, -1 };
        using var index = ExactIndex.Build(items, 2);
        var ids = new int[5];
        var scores = new float[5];
        var found = new int[1];
        index.Search([2f, 1f], 5, ids, scores, found);

        Assert.Equal(3, found[0]);
        Assert.Equal(new[] { 0, 1, 2, -1, -1 }, ids);
        Assert.Equal(new[] { 2f, 1f, -3f }, scores[..3]);
        Assert.True(float.IsNaN(scores[3]) && float.IsNaN(scores[4]));
    }

    [Fact]
    public void EmptyCatalogueAndBadShapesAreClearErrors()
    {
        var empty = Assert.Throws<ArgumentException>(() => ExactIndex.Build([], 4));
        Assert.StartsWith("The catalogue is empty", empty.Message, StringComparison.Ordinal);
        Assert.Contains("not a whole number", Assert.Throws<ArgumentException>(() => ExactIndex.Build(new float[7], 2)).Message, StringComparison.Ordinal);
        Assert.Contains("appears more than once", Assert.Throws<ArgumentException>(() => ExactIndex.Build(new float[4], 2, [5, 5])).Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => ExactIndex.Build([1, float.NaN], 2)).Message, StringComparison.Ordinal);

        using var index = ExactIndex.Build(new float[] { 1, 2, 3, 4 }, 2);
        Assert.Contains("not a whole number", Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[2], 0));
    }

    [Fact]
    public void NaNQueriesReturnNothing()
    {
        using var index = ExactIndex.Build(new float[] { 1, 2, 3, 4 }, 2);
        var results = index.Search([float.NaN, 1f], 2);
        Assert.Equal(0, results.Found(0));
    }

    internal static void AssertSameUpToTies((int Id, double Score)[] expected, ReadOnlySpan<int> ids, ReadOnlySpan<float> scores, float[] items, float[] queries, int q, int d)
    {
        Assert.Equal(expected.Length, ids.Length);
        for (int j = 0; j < ids.Length; j++)
        {
            // Rank j's score equals the reference's rank-j score; any id with that score is a valid answer.
            Assert.Equal(expected[j].Score, scores[j], 1e-4 * (1 + Math.Abs(expected[j].Score)));
            Assert.Equal(IndexReference.Dot(items, ids[j], queries, q, d), scores[j], 1e-4 * (1 + Math.Abs(expected[j].Score)));
            if (j > 0)
            {
                Assert.True(scores[j] <= scores[j - 1]);
            }
        }

        Assert.Equal(ids.Length, ids.ToArray().Distinct().Count());
    }
}
