using Reco.Data;
using Reco.Data.Splits;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Data.Splits;

/// <summary><see cref="InteractionSplits.Random"/>, the library's one random holdout.</summary>
public sealed class RandomSplitTests
{
    /// <summary>Interactions whose row r is user r, item r, so a row's identity is its user id.</summary>
    private static Interactions Rows(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Interactions(new IdMap(ids), new IdMap(ids), [.. Enumerable.Range(0, count)], [.. Enumerable.Range(0, count)]);
    }

    private static int[] Ids(Interactions part) => [.. Enumerable.Range(0, part.Count).Select(r => part.UserIndices[r])];

    [Fact]
    public void SameSeedGivesTheSameSplitAndAnotherSeedAnother()
    {
        var data = Rows(1000);
        var first = InteractionSplits.Random(data, 0.8, seed: 42);
        var second = InteractionSplits.Random(data, 0.8, seed: 42);
        Assert.Equal(Ids(first.Train), Ids(second.Train));
        Assert.Equal(Ids(first.Test), Ids(second.Test));
        Assert.NotEqual(Ids(first.Train), Ids(InteractionSplits.Random(data, 0.8, seed: 43).Train));
    }

    [Fact]
    public void IsAPartitionOfTheRows()
    {
        var (train, test) = InteractionSplits.Random(Rows(1000), 0.8, seed: 7);
        Assert.Equal(800, train.Count);
        Assert.Equal(200, test.Count);
        Assert.Equal(Enumerable.Range(0, 1000), Ids(train).Concat(Ids(test)).Order());
        Assert.NotEqual(Enumerable.Range(0, 800), Ids(train));
    }

    [Fact]
    public void MatchesAFisherYatesShuffleFromTheLastRowDown()
    {
        int[] expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var random = new Random(3);
        for (int i = expected.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        var (train, test) = InteractionSplits.Random(Rows(10), 0.7, seed: 3);
        Assert.Equal(expected[..7], Ids(train));
        Assert.Equal(expected[7..], Ids(test));
    }

    [Theory]
    [InlineData(100, 0.29, 29)]
    [InlineData(3, 0.5, 2)]
    [InlineData(10, 0.95, 10)]
    public void TrainSizeIsTheRoundedFraction(int count, double fraction, int expectedTrain)
    {
        var (train, test) = InteractionSplits.Random(Rows(count), fraction, seed: 1);
        Assert.Equal(expectedTrain, train.Count);
        Assert.Equal(count - expectedTrain, test.Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void RejectsSharesOutsideTheOpenInterval(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionSplits.Random(Rows(10), fraction, seed: 1));
    }
}
