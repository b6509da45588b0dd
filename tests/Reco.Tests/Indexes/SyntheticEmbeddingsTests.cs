using Reco.Indexes;

namespace Reco.Tests.Indexes;

public class SyntheticEmbeddingsTests
{
    [Fact]
    public void SameSeedSameVectorsAndPopularItemsAreLonger()
    {
        var a = SyntheticEmbeddings.Generate(5000, 16, seed: 3);
        var b = SyntheticEmbeddings.Generate(5000, 16, seed: 3);
        Assert.Equal(a.Items, b.Items);
        Assert.Equal(a.Queries(10), b.Queries(10));
        Assert.Equal(35, a.Clusters);

        // Norms are skewed: a long tail of long (popular) vectors above a floor near 1.
        var norms = Enumerable.Range(0, 5000).Select(i => Math.Sqrt(a.Items.AsSpan(i * 16, 16).ToArray().Sum(v => (double)v * v))).Order().ToArray();
        Assert.InRange(norms[2500], 1.0, 1.4);
        Assert.True(norms[4990] > 2.0);
    }
}
