using Reco.Indexes;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Indexes;

public class IvfIndexTests
{
    [Fact]
    public void ProbingEveryListIsExact()
    {
        var data = SyntheticEmbeddings.Generate(3000, 8, seed: 21);
        var queries = data.Queries(25, seed: 22);
        using var index = IvfIndex.Build(data.Items, 8, options: new IvfOptions { Lists = 40, Probes = 40 });
        var results = index.Search(queries, 10);
        for (int q = 0; q < 25; q++)
        {
            ExactIndexTests.AssertSameUpToTies(IndexReference.TopK(data.Items, 8, queries, q, 10), results.Ids(q), results.Scores(q), data.Items, queries, q, 8);
        }
    }

    [Fact]
    public void ListsPartitionTheCatalogueAndCalibrationReachesItsTarget()
    {
        var data = SyntheticEmbeddings.Generate(10_000, 16, seed: 23);
        using var index = IvfIndex.Build(data.Items, 16, options: new IvfOptions { TargetRecall = 0.9 });
        Assert.Equal(100, index.Lists);
        Assert.Equal(10_000, index.ListSizes.Sum());
        Assert.InRange(index.Probes, 1, 100);

        var queries = IvfIndex.SampleQueries(data.Items, 16, seed: 99, count: 100);
        Assert.True(index.Recall(queries, index.Probes) >= 0.85);
        Assert.True(index.Recall(queries, index.Lists) == 1.0);
    }

    [Fact]
    public void SameSeedGivesTheSameIndex()
    {
        var data = SyntheticEmbeddings.Generate(2000, 8, seed: 25);
        using var a = IvfIndex.Build(data.Items, 8, options: new IvfOptions { Probes = 3 });
        using var b = IvfIndex.Build(data.Items, 8, options: new IvfOptions { Probes = 3 });
        Assert.Equal(a.ListSizes, b.ListSizes);
        Assert.Equal(a.Export()["index.json"], b.Export()["index.json"]);
    }
}
