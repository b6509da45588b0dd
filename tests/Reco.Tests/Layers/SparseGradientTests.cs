using Reco.Layers;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Layers;

public class SparseGradientTests
{
    [Fact]
    public void SumsRepeatedRowsAndForgetsThePreviousBatch()
    {
        var sparse = new SparseGradient(tableRows: 10, dimension: 2);
        sparse.Aggregate([3, 7, 3], [1f, 2f, 10f, 20f, 100f, 200f]);
        Assert.Equal([3, 7], sparse.Rows.ToArray());
        Assert.Equal([101f, 202f, 10f, 20f], sparse.Values.ToArray());

        sparse.Aggregate([7], [1f, 1f]);
        Assert.Equal([7], sparse.Rows.ToArray());
        Assert.Equal([1f, 1f], sparse.Values.ToArray());
    }
}
