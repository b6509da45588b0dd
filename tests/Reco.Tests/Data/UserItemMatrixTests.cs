using Reco.Data;

namespace Reco.Tests.Data;

public class UserItemMatrixTests
{
    [Theory]
    [InlineData(1, 1, 5)]
    [InlineData(7, 5, 200)]
    [InlineData(40, 300, 3000)]
    public void EachRowHoldsTheUsersItemsAscendingWithRepeatedPairsSummed(int users, int items, int rows)
    {
        var random = new Random(users + items + rows);
        var u = new int[rows];
        var i = new int[rows];
        var r = new float[rows];
        for (int k = 0; k < rows; k++)
        {
            u[k] = random.Next(users);
            i[k] = random.Next(items);
            r[k] = random.Next(1, 6);
        }

        var data = TestData.Indexed(users, items, u, i, r);

        var matrix = UserItemMatrix.From(data);

        // The reference: a sorted dictionary per user, in doubles.
        var expected = Enumerable.Range(0, users).Select(_ => new SortedDictionary<int, double>()).ToArray();
        for (int k = 0; k < rows; k++)
        {
            expected[u[k]][i[k]] = expected[u[k]].GetValueOrDefault(i[k]) + r[k];
        }

        Assert.Equal(expected.Sum(e => e.Count), matrix.NonZeros);
        for (int user = 0; user < users; user++)
        {
            Assert.Equal(expected[user].Keys, matrix.ItemsOf(user).ToArray());
            Assert.Equal(expected[user].Values, matrix.ValuesOf(user).ToArray().Select(v => (double)v));
        }
    }

    [Fact]
    public void UsersWithoutInteractionsHaveEmptyRowsAndUnusedItemsCostNothing()
    {
        var m = UserItemMatrix.From(TestData.Indexed(5, 50, [3, 1, 3, 3, 3], [7, 2, 7, 0, 7], [1, 2, 3, 4, 5]));
        Assert.Equal(50, m.ItemCount);
        Assert.Equal(3, m.NonZeros);
        Assert.Empty(m.ItemsOf(0).ToArray());
        Assert.Equal([2], m.ItemsOf(1).ToArray());
        Assert.Empty(m.ItemsOf(4).ToArray());
        Assert.Equal([0, 7], m.ItemsOf(3).ToArray());
        Assert.Equal([4f, 9f], m.ValuesOf(3).ToArray());
        Assert.Equal([0, 0, 1, 1, 3, 3], m.RowStarts.ToArray());
        Assert.Empty(m.ItemsOf(5).ToArray());
    }

    [Fact]
    public void NoInteractionsGiveEmptyRows()
    {
        Assert.Equal([0, 0, 0, 0], UserItemMatrix.From(TestData.Indexed(3, 0, [], [])).RowStarts.ToArray());
        Assert.Equal([0], UserItemMatrix.From(TestData.Indexed(0, 0, [], [])).RowStarts.ToArray());
    }

    [Fact]
    public void ARepeatedPairIsSummedInTheOrderItWasRead()
    {
        int n = 10_000;
        var r = Enumerable.Range(0, n).Select(k => k % 2 == 0 ? 1e8f : -1e8f + 1f).ToArray();
        var m = UserItemMatrix.From(TestData.Indexed(1, 1, new int[n], new int[n], r));
        float expected = 0;
        foreach (float v in r)
        {
            expected += v;
        }

        Assert.Equal([0], m.ItemsOf(0).ToArray());
        Assert.Equal(expected, m.ValuesOf(0)[0]);
    }

    [Fact]
    public void ItemsAddedToASharedMapAfterTheRowsWereReadAreCountedButEmpty()
    {
        var items = new IdMap(["a", "b"]);
        var data = new Interactions(new IdMap(["u"]), items, [0, 0], [1, 0]);
        items.GetOrAdd("c");
        var m = UserItemMatrix.From(data);
        Assert.Equal([0, 1], m.ItemsOf(0).ToArray());
        Assert.Equal(3, m.ItemCount);
    }
}
