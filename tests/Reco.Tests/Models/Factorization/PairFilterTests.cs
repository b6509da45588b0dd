using Reco.Data;
using Reco.Models.Factorization;

namespace Reco.Tests.Models.Factorization;

public class PairFilterTests
{
    private static UserItemMatrix RandomMatrix(int users, int items, int rows, int seed)
    {
        var random = new Random(seed);
        var u = new int[rows];
        var i = new int[rows];
        for (int k = 0; k < rows; k++)
        {
            u[k] = random.Next(users);
            i[k] = random.Next(items);
        }

        return UserItemMatrix.From(TestData.Indexed(users, items, u, i));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 12)]
    [InlineData(500, 2000, 40000)]
    public void EveryStoredPairMayBeContained(int users, int items, int rows)
    {
        var matrix = RandomMatrix(users, items, rows, users + rows);
        using var filter = new PairFilter(matrix);
        for (int user = 0; user < users; user++)
        {
            foreach (int item in matrix.ItemsOf(user))
            {
                Assert.True(filter.MayContain(user, item));
            }
        }
    }

    [Fact]
    public void FewAbsentPairsGetPast()
    {
        var matrix = RandomMatrix(2000, 5000, 100_000, 1);
        using var filter = new PairFilter(matrix);
        var random = new Random(2);
        int absent = 0, passed = 0;
        while (absent < 200_000)
        {
            int user = random.Next(2000), item = random.Next(5000);
            if (matrix.Contains(user, item))
            {
                continue;
            }

            absent++;
            passed += filter.MayContain(user, item) ? 1 : 0;
        }

        // Ten bits and four probes a pair: about 1.2% for a plain Bloom filter, a little more in 512-bit blocks.
        Assert.InRange(passed / (double)absent, 0.0, 0.02);
    }
}
