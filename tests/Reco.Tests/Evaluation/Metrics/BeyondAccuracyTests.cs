using Reco.Evaluation.Metrics;

namespace Reco.Tests.Evaluation.Metrics;

public class BeyondAccuracyTests
{
    [Fact]
    public void CoverageCountsDistinctRecommendedItems()
    {
        Assert.Equal(3.0 / 10, BeyondAccuracy.Coverage([[1, 2], [2, 3]], 10), 12);
    }

    [Fact]
    public void PersonalizationIsZeroForIdenticalListsAndOneForDisjointOnes()
    {
        Assert.Equal(0, BeyondAccuracy.Personalization([[1, 2], [1, 2], [1, 2]]), 12);
        Assert.Equal(1, BeyondAccuracy.Personalization([[1, 2], [3, 4], [5, 6]]), 12);

        // Two lists of two sharing one item: cosine 1/2.
        Assert.Equal(0.5, BeyondAccuracy.Personalization([[1, 2], [2, 3]]), 12);

        // Unequal lengths take the pairwise route: |{2}| / √(2·3).
        Assert.Equal(1 - (1 / Math.Sqrt(6)), BeyondAccuracy.Personalization([[1, 2], [2, 3, 4]]), 12);
    }

    [Fact]
    public void GiniIsZeroForEvenExposureAndGrowsWithConcentration()
    {
        Assert.Equal(0, BeyondAccuracy.Gini([[0, 1], [2, 3]], 4), 12);

        // Counts (0, 0, 0, 4) over four items: G = (Σ (2i − n − 1)·xᵢ) / (n·Σx) = (3·4) / (4·4) = 0.75.
        Assert.Equal(0.75, BeyondAccuracy.Gini([[3], [3], [3], [3]], 4), 12);
        Assert.Throws<ArgumentException>(() => BeyondAccuracy.Gini([[0, 1, 2]], 2));
    }

    [Fact]
    public void NoveltyIsTheMeanSelfInformation()
    {
        // Item 0 seen by 2 of 4 users (1 bit), item 1 by 1 of 4 (2 bits).
        Assert.Equal(1.5, BeyondAccuracy.Novelty([[0, 1]], [2, 1], 4), 12);

        // An item no one saw counts as one user's.
        Assert.Equal(2, BeyondAccuracy.Novelty([[1]], [2, 0], 4), 12);
    }

    [Fact]
    public void DiversityIsTheMeanPairwiseCosineDistance()
    {
        float[][] vectors = [[1, 0], [0, 1], [1, 1]];
        Func<int, ReadOnlyMemory<float>> v = i => vectors[i];
        Assert.Equal(1, BeyondAccuracy.IntraListDiversity([[0, 1]], v), 12);
        Assert.Equal(1 - (1 / Math.Sqrt(2)), BeyondAccuracy.IntraListDiversity([[0, 2]], v), 6);
        Assert.Equal(0, BeyondAccuracy.IntraListDiversity([[0, 0]], v), 12);

        // Vectors of different lengths, or holding NaN, have no cosine: an error, not an index error or a NaN metric.
        float[][] ragged = [[1, 0], [0, 1, 2]];
        Assert.Contains("differ in length", Assert.Throws<ArgumentException>(() => BeyondAccuracy.IntraListDiversity([[0, 1]], i => ragged[i])).Message);
        float[][] nan = [[1, 0], [float.NaN, 1]];
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => BeyondAccuracy.IntraListDiversity([[0, 1]], i => nan[i])).Message);
    }

    [Fact]
    public void RatingErrorsByHand()
    {
        float[] predicted = [3, 4, 5];
        float[] actual = [4, 4, 3];
        Assert.Equal(Math.Sqrt(5.0 / 3), RatingMetrics.Rmse(predicted, actual), 12);
        Assert.Equal(1.0, RatingMetrics.Mae(predicted, actual), 12);
        Assert.Throws<ArgumentException>(() => RatingMetrics.Rmse([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => RatingMetrics.Mae([], []));
    }
}
