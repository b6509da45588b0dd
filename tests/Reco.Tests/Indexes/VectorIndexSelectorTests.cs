using Reco.Indexes;

namespace Reco.Tests.Indexes;

public class VectorIndexSelectorTests
{
    [Fact]
    public void SmallCataloguesGetTheExactIndex()
    {
        var data = SyntheticEmbeddings.Generate(500, 8, seed: 41);
        var selection = VectorIndexSelector.Build(data.Items, 8, default, new VectorIndexOptions());
        Assert.Equal(VectorIndexKind.Exact, selection.Index.Kind);
        Assert.StartsWith("exact: 500 items, below", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AboveTheThresholdTheChoiceIsMeasuredAndExplained()
    {
        var data = SyntheticEmbeddings.Generate(20_000, 16, seed: 42);
        using var index = VectorIndex.Build("AUTO", data.Items, 16, options: new VectorIndexOptions { ExactBelow = 1000 });
        var selection = VectorIndexSelector.Build(data.Items, 16, default, new VectorIndexOptions { ExactBelow = 1000 });
        Assert.Contains("sample queries", selection.Reason, StringComparison.Ordinal);
        Assert.Contains(selection.Index.Kind, new[] { VectorIndexKind.Exact, VectorIndexKind.Ivf });
        selection.Index.Dispose();
    }

    [Fact]
    public void KindNamesParseAndUnknownOnesAreErrors()
    {
        Assert.Equal(VectorIndexKind.Ivf, VectorIndex.ParseKind("IVF"));
        Assert.Equal(VectorIndexKind.Hnsw, VectorIndex.ParseKind("hnsw"));
        Assert.Contains("expected exact, hnsw or ivf", Assert.Throws<ArgumentException>(() => VectorIndex.ParseKind("annoy")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VectorIndex.Build("annoy", [1f], 1));
    }
}
