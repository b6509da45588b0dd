using Reco.Numerics;

namespace Reco.Tests.Numerics;

public class CountingAndTopKTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1682)]
    public void CountGreaterThanMatchesLinq(int n)
    {
        var random = new Random(n);
        var values = Enumerable.Range(0, n).Select(_ => (float)Math.Round(random.NextDouble() * 10, 1)).ToArray();
        foreach (float t in new[] { -1f, 0f, 3.3f, 5f, 9.9f, 11f })
        {
            Assert.Equal(values.Count(v => v > t), Counting.CountGreaterThan(values, t));
        }
    }

    [Fact]
    public void TiesAreNotCountedAsGreater()
    {
        float[] values = [1f, 2f, 2f, 2f, 3f];
        Assert.Equal(1, Counting.CountGreaterThan(values, 2f));
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(100, 100)]
    [InlineData(1000, 17)]
    [InlineData(5, 9)]
    public void SelectMatchesStableSort(int n, int k)
    {
        var random = new Random(n + k);
        var scores = Enumerable.Range(0, n).Select(_ => (float)random.Next(20)).ToArray();
        var expected = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
        var actual = new int[k];
        int found = TopK.Select(scores, actual);
        Assert.Equal(expected, actual[..found]);
    }

    [Theory]
    [InlineData(1682, 10, 4)]
    [InlineData(5000, 100, 50)]
    [InlineData(999, 1, 1000)]
    [InlineData(77, 76, 3)]
    public void SelectMatchesStableSortWithExclusionsNaNsAndTies(int n, int k, int distinct)
    {
        var random = new Random(n * k);
        var scores = Enumerable.Range(0, n).Select(i => i % 97 == 5 ? float.NaN : (float)random.Next(distinct)).ToArray();
        var excluded = Enumerable.Range(0, n).Select(_ => random.Next(7) == 0).ToArray();
        var expected = Enumerable.Range(0, n).Where(i => !excluded[i] && !float.IsNaN(scores[i]))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
        var actual = new int[k];
        int found = TopK.Select(scores, actual, i => excluded[i]);
        Assert.Equal(expected, actual[..found]);
    }

    [Fact]
    public void NextAboveFindsTheFirstGreaterScoreAtEveryOffset()
    {
        var scores = new float[70];
        for (int at = 0; at < scores.Length; at++)
        {
            Array.Fill(scores, 1f);
            scores[at] = 2f;
            for (int from = 0; from < scores.Length; from++)
            {
                Assert.Equal(from <= at ? at : scores.Length, TopK.NextAbove(scores, from, 1f));
            }
        }
    }

    [Fact]
    public void SelectSkipsExcludedAndNaN()
    {
        float[] scores = [5f, float.NaN, 9f, 7f, 1f];
        var best = new int[3];
        int found = TopK.Select(scores, best, i => i == 2);
        Assert.Equal(3, found);
        Assert.Equal([3, 0, 4], best);
    }
}
