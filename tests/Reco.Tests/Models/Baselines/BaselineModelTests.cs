using Reco.Models;
using Reco.Models.Baselines;

namespace Reco.Tests.Models.Baselines;

public class BaselineModelTests
{
    private static readonly Reco.Data.Interactions Small = ClassicData.Of(
        ("a", "x", 5), ("a", "y", 3), ("b", "x", 4), ("b", "z", 1), ("c", "y", 2));

    [Fact]
    public void MeansAreTheHandComputedOnes()
    {
        var global = new MeanRating(new MeanRatingOptions { Of = MeanKind.Global });
        var user = new MeanRating(new MeanRatingOptions { Of = MeanKind.User });
        var item = new MeanRating(new MeanRatingOptions { Of = MeanKind.Item });
        global.Fit(Small);
        user.Fit(Small);
        item.Fit(Small);
        Assert.Equal(3f, global.Predict(0, 0), 5);
        Assert.Equal(4f, user.Predict(0, 2), 5);
        Assert.Equal(2.5f, user.Predict(1, 0), 5);
        Assert.Equal(4.5f, item.Predict(2, 0), 5);
        Assert.Equal(2.5f, item.Predict(2, 1), 5);
    }

    [Fact]
    public void OneEpochOfBiasesMatchesTheHandComputation()
    {
        // μ = 3. Items first (b_u = 0): b_x = (2 + 1)/(10 + 2), b_y = (0 − 1)/(10 + 2), b_z = −2/(10 + 1).
        var model = new BaselineBiases(new BaselineOptions { Epochs = 1, UserRegularisation = 15, ItemRegularisation = 10 });
        model.Fit(Small);
        float bx = 3f / 12, by = -1f / 12, bz = -2f / 11;
        Assert.Equal(bx, model.ItemBiases[0], 5);
        Assert.Equal(by, model.ItemBiases[1], 5);
        Assert.Equal(bz, model.ItemBiases[2], 5);

        // Then users: b_a = ((5 − 3 − b_x) + (3 − 3 − b_y)) / (15 + 2), and so on.
        Assert.Equal((2 - bx + 0 - by) / 17f, model.UserBiases[0], 5);
        Assert.Equal((1 - bx - 2 - bz) / 17f, model.UserBiases[1], 5);
        Assert.Equal((-1 - by) / 16f, model.UserBiases[2], 5);
        Assert.Equal(3f + model.UserBiases[0] + model.ItemBiases[2], model.Predict(0, 2), 5);
    }

    [Fact]
    public void ConvergedBiasesSatisfyTheNormalEquations()
    {
        var data = ClassicData.Clustered();
        var model = new BaselineBiases(new BaselineOptions { Epochs = 200, UserRegularisation = 5, ItemRegularisation = 3 });
        model.Fit(data);
        float mu = model.GlobalMean;
        for (int i = 0; i < data.ItemCount; i++)
        {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < data.Count; r++)
            {
                if (data.ItemIndices[r] == i)
                {
                    sum += data.Ratings[r] - mu - model.UserBiases[data.UserIndices[r]];
                    n++;
                }
            }

            Assert.Equal(sum / (3 + n), model.ItemBiases[i], 3);
        }
    }

    [Fact]
    public void RandomScoresAreSeededAndPerUser()
    {
        var a = new RandomRecommender(new RandomOptions { Seed = 7 });
        var b = new RandomRecommender(new RandomOptions { Seed = 7 });
        a.Fit(Small);
        b.Fit(Small);
        var sa = new float[3];
        var sb = new float[3];
        a.ScoreItems(1, sa);
        b.ScoreItems(1, sb);
        Assert.Equal(sa, sb);
        Assert.Equal(a.Recommend(0, 3, excludeSeen: false).Select(s => s.Item), a.Recommend(0, 3, excludeSeen: false).Select(s => s.Item));
    }
}
