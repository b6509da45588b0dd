using Reco.Data.Splits;
using Reco.Models;
using Reco.Models.Ensembles;

namespace Reco.Tests.Models.Ensembles;

public class LinearBlendTests
{
    [Fact]
    public void RidgeRegressionRecoversExactWeights()
    {
        // y = 2·x₁ − x₂ + 0.5 exactly; with a negligible penalty the weights come back.
        var random = new Random(1);
        var x = new double[50, 3];
        var y = new float[50];
        for (int r = 0; r < 50; r++)
        {
            x[r, 0] = random.NextDouble() * 4;
            x[r, 1] = random.NextDouble() * 4;
            x[r, 2] = 1;
            y[r] = (float)((2 * x[r, 0]) - x[r, 1] + 0.5);
        }

        var w = LinearBlend.RidgeRegression(x, y, penalised: 2, lambda: 1e-9);
        Assert.Equal(2, w[0], 4);
        Assert.Equal(-1, w[1], 4);
        Assert.Equal(0.5, w[2], 4);
    }

    [Fact]
    public void BlendIsAtLeastAsGoodAsItsBestMemberOnTheData()
    {
        var data = ClassicData.Clustered(users: 60, items: 40, perUser: 20, seed: 8);
        var (train, test) = InteractionSplits.Random(data, 0.8, 3);
        (string, string[])[] members = [("baseline", []), ("biased-mf", ["factors=8", "epochs=30"])];
        var blend = new LinearBlend(members, new LinearBlendOptions { Holdout = 0.2, Ridge = 1 });
        blend.Fit(train);
        Assert.Equal(3, blend.Weights.Count);

        double Rmse(IRatingPredictor model) => Math.Sqrt(Enumerable.Range(0, test.Count).Average(r =>
            Math.Pow(model.Predict(test.UserIndices[r], test.ItemIndices[r]) - test.Ratings[r], 2)));
        var best = members.Min(m =>
        {
            var model = (IRatingPredictor)AlgorithmCatalog.Create(m.Item1, m.Item2);
            model.Fit(train);
            return Rmse(model);
        });

        // The weights are fitted on held-out predictions, so the blend should not lose much to its best member.
        Assert.True(Rmse(blend) <= best + 0.02, $"blend {Rmse(blend)}, best member {best}");
        Assert.All(Enumerable.Range(0, 20), i => Assert.InRange(blend.Predict(0, i), 1f, 5f));
    }

    [Fact]
    public void MembersMustPredictRatings()
    {
        var data = ClassicData.Clustered();
        var blend = new LinearBlend([("popularity", [])]);
        Assert.Contains("does not predict ratings", Assert.Throws<ArgumentException>(() => blend.Fit(data)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void TooLittleDataForTheHeldOutShareIsAClearArgumentError(int rows)
    {
        // round(n · 0.9) = n for n ≤ 5: the 10% share the weights are fitted on would be empty.
        var data = TestData.Indexed(rows, rows, [.. Enumerable.Range(0, rows)], [.. Enumerable.Range(0, rows)], [.. Enumerable.Repeat(3f, rows)]);
        var blend = new LinearBlend([("baseline", [])]);

        var message = Assert.Throws<ArgumentException>(() => blend.Fit(data)).Message;

        Assert.Contains("holdout=0.1", message, StringComparison.Ordinal);
        Assert.Contains($"{rows} training interaction", message, StringComparison.Ordinal);
        Assert.DoesNotContain("add ridge", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinearlyDependentMembersWithoutRidgeAreAnArgumentErrorNamingTheOption()
    {
        // Two identical members predict the same on every row: without a penalty the weights are not determined.
        var data = ClassicData.Clustered(users: 30, items: 20, perUser: 10, seed: 4);
        var blend = new LinearBlend([("baseline", []), ("baseline", [])], new LinearBlendOptions { Ridge = 0 });

        Assert.Contains("ridge", Assert.Throws<ArgumentException>(() => blend.Fit(data)).Message, StringComparison.Ordinal);
    }
}
