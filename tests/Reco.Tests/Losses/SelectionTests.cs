using Reco.Losses;

namespace Reco.Tests.Losses;

public class SelectionTests
{
    [Fact]
    public void FindsTheKthLargestWithRepeatsAndInfinities()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 1 + random.Next(40);
            var values = Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? float.NegativeInfinity : random.Next(8) / 2f).ToArray();
            var sorted = values.OrderDescending().ToArray();
            int k = 1 + random.Next(n);
            Assert.Equal(sorted[k - 1], Selection.Largest((float[])values.Clone(), k));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.Largest(new float[3], 4));
    }
}
