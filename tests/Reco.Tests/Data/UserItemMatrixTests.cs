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

        var data = new Interactions(
            new IdMap(Enumerable.Range(0, users).Select(x => $"u{x}")),
            new IdMap(Enumerable.Range(0, items).Select(x => $"i{x}")),
            u,
            i,
            r);

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
}
