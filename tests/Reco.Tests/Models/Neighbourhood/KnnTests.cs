using Reco.Models;
using Reco.Models.Neighbourhood;

namespace Reco.Tests.Models.Neighbourhood;

public class KnnTests
{
    // Users a, b, c; items x, y, z:   a: x=5 y=3 z=4   b: x=4 y=1   c: y=2 z=5
    private static readonly Reco.Data.Interactions Hand = ClassicData.Of(
        ("a", "x", 5), ("a", "y", 3), ("a", "z", 4), ("b", "x", 4), ("b", "y", 1), ("c", "y", 2), ("c", "z", 5));

    public static TheoryData<SimilarityMeasure, float, double, double, double> ItemSimilarities => new()
    {
        // Cosine over common raters: x·y = 5·3 + 4·1 = 19 over √(41·10); x·z = 20/√(25·16); y·z = 22/√(13·41).
        { SimilarityMeasure.Cosine, 0f, 19 / Math.Sqrt(410), 1, 22 / Math.Sqrt(533) },

        // Shrinkage 1: times (c − 1)/(c − 1 + 1) with c common raters (2, 1, 2).
        { SimilarityMeasure.Cosine, 1f, 19 / Math.Sqrt(410) / 2, 0, 22 / Math.Sqrt(533) / 2 },

        // Jaccard of the rater sets {a,b}, {a,b,c}, {a,c}.
        { SimilarityMeasure.Jaccard, 0f, 2.0 / 3, 1.0 / 3, 2.0 / 3 },

        // Pearson: x=(5,4), y=(3,1) → 1; one common rater → 0; y=(3,2), z=(4,5) → −1.
        { SimilarityMeasure.Pearson, 0f, 1, 0, -1 },

        // Adjusted cosine, user means a=4, b=2.5, c=3.5: x=(1,1.5), y=(−1,−1.5) → −1; x·z over a = 0;
        // y=(−1,−1.5), z=(0,1.5) over a, c → −2.25/√(3.25·2.25).
        { SimilarityMeasure.AdjustedCosine, 0f, -1, 0, -2.25 / Math.Sqrt(3.25 * 2.25) },
    };

    [Theory]
    [MemberData(nameof(ItemSimilarities))]
    public void ItemSimilaritiesMatchTheHandComputedValues(SimilarityMeasure measure, float shrinkage, double xy, double xz, double yz)
    {
        // others × entities = users × items, centred by user mean for adjusted cosine.
        float[] ratings = [5, 3, 4, 4, 1, 0, 0, 2, 5];
        float[] mask = [1, 1, 1, 1, 1, 0, 0, 1, 1];
        if (measure == SimilarityMeasure.AdjustedCosine)
        {
            float[] means = [4, 2.5f, 3.5f];
            for (int k = 0; k < 9; k++)
            {
                ratings[k] = mask[k] == 1 ? ratings[k] - means[k / 3] : 0;
            }
        }

        var sim = SimilarityMatrix.Compute(ratings, mask, 3, 3, measure, shrinkage);
        Assert.Equal(xy, sim[1], 4);
        Assert.Equal(xz, sim[2], 4);
        Assert.Equal(yz, sim[5], 4);
        Assert.Equal(sim[1], sim[3], 5);

        // The sparse pair form used for fold-in agrees.
        Assert.Equal(xy, SimilarityMatrix.Pair([0, 1], [ratings[0], ratings[3]], [0, 1, 2], [ratings[1], ratings[4], ratings[7]], measure, shrinkage), 4);
    }

    [Theory]
    [InlineData(SimilarityMeasure.Cosine, 0f)]
    [InlineData(SimilarityMeasure.Cosine, 100f)]
    [InlineData(SimilarityMeasure.Pearson, 5f)]
    [InlineData(SimilarityMeasure.Jaccard, 0f)]
    [InlineData(SimilarityMeasure.AdjustedCosine, 0f)]
    public void SparseNeighboursAreTheDenseGemmFormsLists(SimilarityMeasure measure, float shrinkage)
    {
        // Whole-number ratings make every sum exact, so the lists must agree bit for bit (half-star means of
        // adjusted cosine are exact in binary too).
        var random = new Random((int)measure + 7);
        const int others = 60, n = 45;
        var d = new float[others * n];
        var mask = new float[others * n];
        for (int o = 0; o < others; o++)
        {
            for (int e = 0; e < n; e++)
            {
                if (random.Next(4) == 0)
                {
                    d[(o * n) + e] = random.Next(1, 6) - (measure == SimilarityMeasure.AdjustedCosine ? 2.5f : 0f);
                    mask[(o * n) + e] = 1;
                }
            }
        }

        var raters = SparseRows.From(others, n, o =>
        {
            var columns = Enumerable.Range(0, n).Where(e => mask[(o * n) + e] == 1).ToArray();
            return (columns, columns.Select(e => d[(o * n) + e]).ToArray());
        });
        foreach (int keep in new[] { 5, n })
        {
            var expected = NeighbourLists.FromMatrix(SimilarityMatrix.Compute(d, mask, others, n, measure, shrinkage), n, keep);
            var actual = SimilarityMatrix.Neighbours(raters.Transpose(), raters, measure, shrinkage, keep);
            for (int e = 0; e < n; e++)
            {
                Assert.Equal(expected.Of(e).ToArray(), actual.Of(e).ToArray());
                Assert.Equal(expected.SimilaritiesOf(e).ToArray(), actual.SimilaritiesOf(e).ToArray());
            }
        }
    }

    [Fact]
    public void NeighbourListsSaveCompressedAndStillReadThePaddedLayout()
    {
        var model = new ItemKnn(new KnnOptions { Similarity = SimilarityMeasure.Jaccard });
        var data = ClassicData.Clustered();
        model.Fit(data);
        var state = model.ExportState();
        var again = new ItemKnn(new KnnOptions { Similarity = SimilarityMeasure.Jaccard });
        again.ImportState(state, data);
        var padded = new ItemKnn(new KnnOptions { Similarity = SimilarityMeasure.Jaccard });
        var old = model.ExportState();
        int k = old.Int("neighbours_kept")[0];
        var index = Enumerable.Repeat(-1, data.ItemCount * k).ToArray();
        var sims = new float[data.ItemCount * k];
        for (int e = 0; e < data.ItemCount; e++)
        {
            var neighbours = model.Neighbours(e);
            for (int r = 0; r < neighbours.Count; r++)
            {
                index[(e * k) + r] = neighbours[r].Item;
                sims[(e * k) + r] = neighbours[r].Score;
            }
        }

        old.Ints.Remove("neighbour_starts");
        old.Ints.Remove("neighbours_kept");
        old.Ints["neighbours"] = index;
        old.Floats["similarities"] = sims;
        padded.ImportState(old, data);
        for (int e = 0; e < data.ItemCount; e++)
        {
            Assert.Equal(model.Neighbours(e), again.Neighbours(e));
            Assert.Equal(model.Neighbours(e), padded.Neighbours(e));
        }
    }

    [Fact]
    public void ItemKnnPredictsTheHandComputedRatings()
    {
        // Neighbours of z: x (1) and y (22/√533). b rated x=4 and y=1.
        double syz = 22 / Math.Sqrt(533);
        var basic = new ItemKnn(new KnnOptions { K = 40, Shrinkage = 0, Centring = Centring.None });
        basic.Fit(Hand);
        Assert.Equal((4 + (syz * 1)) / (1 + syz), basic.Predict(1, 2), 4);

        // With item means x=4.5, y=2, z=4.5.
        var means = new ItemKnn(new KnnOptions { K = 40, Shrinkage = 0, Centring = Centring.Means });
        means.Fit(Hand);
        Assert.Equal(4.5 + (((4 - 4.5) + (syz * (1 - 2))) / (1 + syz)), means.Predict(1, 2), 4);

        // k = 1: only the best neighbour the user rated (x).
        var one = new ItemKnn(new KnnOptions { K = 1, Shrinkage = 0, Centring = Centring.None });
        one.Fit(Hand);
        Assert.Equal(4f, one.Predict(1, 2), 4);
        Assert.Equal([0, 1], means.Neighbours(2).Select(n => n.Item));
        Assert.Equal(0, means.SimilarItems(2, 1)[0].Item);
    }

    [Fact]
    public void ItemKnnExplainsByTheHistoryItemsThatContributed()
    {
        var model = new ItemKnn(new KnnOptions { K = 40, Shrinkage = 0, Centring = Centring.None });
        model.Fit(Hand);
        var why = model.Explain(1, 2, 5);

        // b's history is x and y; z's ranking score is s(z, x) + s(z, y) = 1 + 22/√533.
        Assert.Equal([0, 1], why.Select(w => w.Item));
        Assert.Equal(1f, why[0].Score, 4);
        Assert.Equal(22 / Math.Sqrt(533), why[1].Score, 4);
        var scores = new float[3];
        model.ScoreItems(1, scores);
        Assert.Equal(1 + (22 / Math.Sqrt(533)), scores[2], 4);
    }

    [Fact]
    public void ItemKnnFoldInEqualsScoringTheTrainedUser()
    {
        var data = ClassicData.Clustered();
        foreach (var centering in new[] { Centring.None, Centring.Means, Centring.Baseline })
        {
            var model = new ItemKnn(new KnnOptions { K = 10, Shrinkage = 0, Similarity = SimilarityMeasure.Cosine, Centring = centering });
            model.Fit(data);
            var byUser = data.ByUser();
            var trained = new float[data.ItemCount];
            var folded = new float[data.ItemCount];
            model.ScoreItems(5, trained);
            model.ScoreNewUser(byUser.ItemsOf(5), byUser.ValuesOf(5), folded);
            for (int i = 0; i < trained.Length; i++)
            {
                Assert.Equal(trained[i], folded[i], 4);
            }
        }
    }

    [Fact]
    public void UserKnnFoldInEqualsTheModelTrainedWithTheUser()
    {
        // Cosine similarities between other users do not depend on the new user, so folding a user into a
        // model trained without them must reproduce the full model's scores for them.
        var data = ClassicData.Clustered();
        var full = new UserKnn(new KnnOptions { K = 8, Shrinkage = 0, Similarity = SimilarityMeasure.Cosine, Centring = Centring.Means });
        full.Fit(data);
        var without = new UserKnn(new KnnOptions { K = 8, Shrinkage = 0, Similarity = SimilarityMeasure.Cosine, Centring = Centring.Means });
        without.Fit(ClassicData.Without(data, 7));
        var byUser = data.ByUser();
        var expected = new float[data.ItemCount];
        var folded = new float[data.ItemCount];
        full.ScoreItems(7, expected);
        without.ScoreNewUser(byUser.ItemsOf(7), byUser.ValuesOf(7), folded);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], folded[i], 4);
        }
    }

    [Fact]
    public void UserKnnPredictsFromTheNeighboursThatRatedTheItem()
    {
        // User-based cosine: sim(a,b) over x,y = (5·4 + 3·1)/√(34·17); sim(a,c) over y,z = (3·2 + 4·5)/√(25·29).
        var model = new UserKnn(new KnnOptions { K = 40, Shrinkage = 0, Centring = Centring.None });
        model.Fit(Hand);

        // b's neighbours, both of which rated z: c (y only: 1·2/√(1·4) = 1) then a (rating 4).
        double sab = 23 / Math.Sqrt(34 * 17);
        double sbc = 2 / Math.Sqrt(1 * 4);
        var neighbours = model.Neighbours(1);
        Assert.Equal([2, 0], neighbours.Select(n => n.Item));
        Assert.Equal(sab, neighbours[1].Score, 4);
        Assert.Equal(((sab * 4) + (sbc * 5)) / (sab + sbc), model.Predict(1, 2), 4);
    }

    [Fact]
    public void ItemKnnRecommendsTheUsersClusterOnImplicitData()
    {
        var data = ClassicData.Implicit();
        var model = (IRecommender)AlgorithmCatalog.Create("item-knn", ["centring=none", "similarity=jaccard"]);
        model.Fit(data);
        var top = model.Recommend(0, 3);
        Assert.All(top, s => Assert.Equal(0, int.Parse(data.Items[s.Item][1..], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }
}
