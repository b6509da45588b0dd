using Reco.Indexes;

namespace Reco.Tests.Indexes;

public class HnswIndexTests
{
    [Fact]
    public void NativeLibraryLoadsOrTheErrorSaysWhy()
    {
        if (HnswIndex.IsAvailable)
        {
            Assert.Null(HnswIndex.UnavailableReason);
            using var index = HnswIndex.Build([1f, 0f, 0f, 1f], 2);
            Assert.False(string.IsNullOrEmpty(index.HardwareAcceleration));
            return;
        }

        var error = Assert.Throws<NotSupportedException>(() => HnswIndex.Build([1f, 0f], 2));
        Assert.Contains("libusearch_c", error.Message, StringComparison.Ordinal);
        Assert.Contains("exact or ivf", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HnswMetric.ReducedL2)]
    [InlineData(HnswMetric.ReducedCosine)]
    [InlineData(HnswMetric.InnerProduct)]
    public void EveryMetricFindsTheBestItemsOnClusteredData(HnswMetric metric)
    {
        if (!HnswIndex.IsAvailable)
        {
            return;
        }

        var data = SyntheticEmbeddings.Generate(3000, 16, seed: 31);
        var queries = data.Queries(40, seed: 32);
        using var index = HnswIndex.Build(data.Items, 16, options: new HnswOptions { Metric = metric, Connectivity = 16, Expansion = 200 });
        Assert.Equal(metric, index.Metric);
        double recall = IndexReference.Recall(index.Search(queries, 10), data.Items, 16, queries, 10);
        Assert.True(recall >= (metric == HnswMetric.InnerProduct ? 0.5 : 0.9), $"{metric} recall@10 {recall:F3}");
    }

    [Fact]
    public void ExpansionCanBeChangedBetweenSearches()
    {
        if (!HnswIndex.IsAvailable)
        {
            return;
        }

        var data = SyntheticEmbeddings.Generate(2000, 8, seed: 33);
        using var index = HnswIndex.Build(data.Items, 8, options: new HnswOptions { Expansion = 16 });
        index.Expansion = 300;
        Assert.Equal(300, index.Expansion);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Expansion = 0);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search(new float[8], 1));
    }
}
