using Reco.Data;

namespace Reco.Tests.Data;

public sealed class RandomSplitTests
{
    private static readonly int[] Rows = Enumerable.Range(0, 1000).ToArray();

    [Fact]
    public void Split_SameSeed_GivesSameSplit()
    {
        var first = RandomSplit.Split(Rows, 0.8, seed: 42);
        var second = RandomSplit.Split(Rows, 0.8, seed: 42);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Test, second.Test);
    }

    [Fact]
    public void Split_DifferentSeed_GivesDifferentOrder()
    {
        var first = RandomSplit.Split(Rows, 0.8, seed: 42);
        var second = RandomSplit.Split(Rows, 0.8, seed: 43);

        Assert.NotEqual(first.Train, second.Train);
    }

    [Fact]
    public void Split_IsAPartitionOfTheRows()
    {
        var (train, test) = RandomSplit.Split(Rows, 0.8, seed: 7);

        Assert.Equal(800, train.Count);
        Assert.Equal(200, test.Count);
        Assert.Equal(Rows, train.Concat(test).Order());
        Assert.NotEqual(Rows.Take(800), train);
    }

    [Fact]
    public void Split_MatchesAFisherYatesShuffleWithSystemRandom()
    {
        int[] expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var random = new Random(3);
        for (int i = expected.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        var (train, test) = RandomSplit.Split(Enumerable.Range(0, 10).ToArray(), 0.7, seed: 3);

        Assert.Equal(expected[..7], train);
        Assert.Equal(expected[7..], test);
    }

    [Theory]
    [InlineData(100, 0.29, 29)]
    [InlineData(10, 0.0, 0)]
    [InlineData(10, 1.0, 10)]
    [InlineData(0, 0.5, 0)]
    [InlineData(3, 0.5, 2)]
    public void Split_TrainSizeIsTheRoundedFraction(int count, double fraction, int expectedTrain)
    {
        var (train, test) = RandomSplit.Split(Enumerable.Range(0, count).ToArray(), fraction, seed: 1);

        Assert.Equal(expectedTrain, train.Count);
        Assert.Equal(count - expectedTrain, test.Count);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Split_RejectsFractionsOutsideZeroToOne(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomSplit.Split(Rows, fraction, seed: 1));
    }

    [Fact]
    public void Split_DoesNotModifyTheInput()
    {
        int[] rows = [1, 2, 3, 4, 5];

        RandomSplit.Split(rows, 0.6, seed: 9);

        Assert.Equal([1, 2, 3, 4, 5], rows);
    }
}
