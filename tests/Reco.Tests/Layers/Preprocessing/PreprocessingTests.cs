using Reco.Layers.Preprocessing;

namespace Reco.Tests.Layers.Preprocessing;

public class PreprocessingTests
{
    [Fact]
    public void IntegerLookupAdaptsMostFrequentFirstWithZeroForUnknownValues()
    {
        var lookup = new IntegerLookup();
        lookup.Adapt([5, 3, 5, 7, 3, 5, 9]);

        // Counts: 5 ×3, 3 ×2, then 7 and 9 once each: the larger value first on a tie, as Keras.
        Assert.Equal([5L, 3, 9, 7], lookup.Values);
        Assert.Equal(5, lookup.VocabularySize);
        Assert.Equal(1, lookup.Lookup(5));
        Assert.Equal(3, lookup.Lookup(9));
        Assert.Equal(0, lookup.Lookup(42));
        var indices = new int[3];
        lookup.Lookup([3L, 7, -1], indices);
        Assert.Equal([2, 4, 0], indices);

        var fixedVocabulary = new IntegerLookup([10, 20]);
        Assert.Equal(2, fixedVocabulary.Lookup(20));
        Assert.Throws<ArgumentException>(() => new IntegerLookup([1, 1]));
    }

    [Fact]
    public void HashingIsStableInRangeAndSaltable()
    {
        var hashing = new Hashing(bins: 7);
        var values = Enumerable.Range(0, 500).Select(i => $"value {i}").ToArray();
        var bins = values.Select(hashing.Lookup).ToArray();
        Assert.All(bins, b => Assert.InRange(b, 0, 6));
        Assert.Equal(7, bins.Distinct().Count());
        Assert.Equal(bins, values.Select(new Hashing(7).Lookup));

        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; modulo 7.
        Assert.Equal((int)(0xaf63dc4c8601ec8cUL % 7), hashing.Lookup("a"));
        Assert.NotEqual(bins, values.Select(new Hashing(7, salt: 1).Lookup));
        Assert.Equal(7, hashing.VocabularySize);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hashing(0));
    }

    [Fact]
    public void NormalizationLearnsThePopulationMeanAndVariance()
    {
        var normalization = new Normalization();
        normalization.Adapt([1, 2, 3, 4]);
        Assert.Equal(2.5, normalization.Mean, 12);
        Assert.Equal(1.25, normalization.Variance, 12);
        Assert.Equal((float)((4 - 2.5) / Math.Sqrt(1.25)), normalization.Apply(4));
        var output = new float[2];
        normalization.Call([2.5, 1], output);
        Assert.Equal([0f, (float)(-1.5 / Math.Sqrt(1.25))], output);
        Assert.Equal(1, normalization.OutputDim);

        // A constant feature: divided by 1e-7 rather than 0, as Keras.
        var constant = new Normalization();
        constant.Adapt([3, 3]);
        Assert.Equal(0f, constant.Apply(3));
        Assert.Throws<ArgumentException>(() => new Normalization().Adapt([]));
        Assert.Throws<ArgumentException>(() => new Normalization().Adapt([double.NaN]));
    }

    [Fact]
    public void DiscretizationBucketsByBoundariesAsBisectRight()
    {
        var buckets = new Discretization([0.0, 1.0, 2.5]);
        Assert.Equal(4, buckets.VocabularySize);
        Assert.Equal([0, 1, 1, 2, 3, 3], new[] { -5.0, 0.0, 0.5, 1.0, 2.5, 100 }.Select(buckets.Lookup));

        var uniform = Discretization.Uniform(10, 20, 3);
        Assert.Equal([10.0, 15.0, 20.0], uniform.Boundaries);
        Assert.Equal(1001, Discretization.Uniform(0, 1, 1000).VocabularySize);

        var quantiles = Discretization.Adapt(Enumerable.Range(0, 100).Select(i => (double)i), buckets: 4);
        Assert.Equal([25.0, 50.0, 75.0], quantiles.Boundaries);
        Assert.Equal(25, Enumerable.Range(0, 100).Count(i => quantiles.Lookup(i) == 0));

        Assert.Throws<ArgumentException>(() => new Discretization([]));
        Assert.Throws<ArgumentException>(() => new Discretization([2.0, 1.0]));
    }

    [Fact]
    public void TextVectorizationStandardisesSplitsAndLimitsTheVocabulary()
    {
        Assert.Equal(["star", "wars", "1977"], TextVectorization.Split("Star Wars (1977)"));
        Assert.Equal(["its", "a", "wonderfullife"], TextVectorization.Split("It's a  Wonderful-Life!"));

        var vectorizer = new TextVectorization(maxTokens: 5);
        vectorizer.Adapt(["Star Wars", "Star Trek", "Trek Wars Star", "Toy Story"]);

        // "" and [UNK], then star ×3, wars ×2, trek ×2 (ties: larger token first); story and toy do not fit.
        Assert.Equal(["", "[UNK]", "star", "wars", "trek"], vectorizer.GetVocabulary());
        Assert.Equal([2, 4, 1], vectorizer.Tokens("STAR trek toy"));
        Assert.Empty(vectorizer.Tokens("  "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextVectorization(2));
    }
}
