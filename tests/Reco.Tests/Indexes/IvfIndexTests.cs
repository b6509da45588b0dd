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

    [Fact]
    public void RecallAndOptionsRefuseMeaninglessSettings()
    {
        var data = SyntheticEmbeddings.Generate(200, 4, seed: 3);
        using var index = IvfIndex.Build(data.Items, 4, options: new IvfOptions { Lists = 8, Probes = 2 });
        var queries = data.Queries(5, seed: 4);
        Assert.Equal("probes", Assert.Throws<ArgumentOutOfRangeException>(() => index.Recall(queries, probes: 0)).ParamName);
        Assert.Equal(1.0, index.Recall(queries, probes: 8), 6);
        Assert.Throws<ArgumentException>(() => index.Recall(queries.AsSpan(1), probes: 2));

        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfOptions { TargetRecall = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfOptions { TargetRecall = 2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfOptions { Iterations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfOptions { SamplePerList = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswOptions { Metric = (HnswMetric)77 });
    }
}
