using Reco.Data;
using Reco.Models;
using Reco.Models.Factorization;
using Reco.Tests.Serialization;

namespace Reco.Tests.Models.Persistence;

/// <summary>Every catalogue model, asked about a user or item it does not have, says which argument and why.</summary>
public class ModelGuardTests
{
    public static TheoryData<string> Algorithms => [.. AlgorithmCatalog.All.Select(a => a.Name)];

    private static (IRecommender Model, Interactions Data) Fitted(string name)
    {
        var data = ClassicData.Clustered(users: 12, items: 10, perUser: 5);
        var features = ItemFeatures.From([.. Enumerable.Range(0, data.ItemCount).Select(i => (IReadOnlyDictionary<string, float>)new Dictionary<string, float> { [$"g{i % 3}"] = 1f })]);
        var model = AlgorithmCatalog.Create(name, RecommenderFileTests.Fast.GetValueOrDefault(name, []), features);
        model.Fit(data);
        return (model, data);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void UnknownUsersAndItemsAreNamedArgumentErrors(string name)
    {
        var (model, data) = Fitted(name);
        var scores = new float[data.ItemCount];
        foreach (int user in new[] { -1, data.UserCount })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.ScoreItems(user, scores));
            Assert.Equal("user", error.ParamName);
        }

        model.ScoreItems(data.UserCount - 1, scores);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => model.ScoreItems(0, new float[2])).ParamName);

        if (model is IRatingPredictor predictor)
        {
            Assert.Equal("item", Assert.Throws<ArgumentOutOfRangeException>(() => predictor.Predict(0, data.ItemCount)).ParamName);
            Assert.Equal("user", Assert.Throws<ArgumentOutOfRangeException>(() => predictor.Predict(-1, 0)).ParamName);
        }

        if (model is ISimilarItems similar)
        {
            Assert.Equal("item", Assert.Throws<ArgumentOutOfRangeException>(() => similar.SimilarItems(data.ItemCount, 3)).ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => similar.SimilarItems(0, 0));
        }

        if (model is IExplainable explainable)
        {
            Assert.Equal("item", Assert.Throws<ArgumentOutOfRangeException>(() => explainable.Explain(0, data.ItemCount, 3)).ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => explainable.Explain(0, 0, -1));
            Assert.Empty(explainable.Explain(0, 0, 0)); // serving passes 0 when explanations are switched off
        }

        if (model is IFoldIn foldIn)
        {
            Assert.Equal("items", Assert.Throws<ArgumentOutOfRangeException>(() => foldIn.ScoreNewUser([0, data.ItemCount], [], scores)).ParamName);
            Assert.Equal("ratings", Assert.Throws<ArgumentException>(() => foldIn.ScoreNewUser([0, 1], [5f], scores)).ParamName);
            foldIn.ScoreNewUser([0, 1], [4f, 5f], scores);
        }
    }

    [Theory]
    [InlineData("biased-mf")]
    [InlineData("svdpp")]
    [InlineData("als")]
    [InlineData("bpr")]
    public void FactorsTooLargeForTheMachineAreRefusedBeforeAnyWork(string name)
    {
        var model = AlgorithmCatalog.Create(name, ["factors=1000000000"]);
        var data = ClassicData.Clustered(users: 12, items: 10, perUser: 5);
        // The estimate (176–352 GB here) is refused on any ordinary machine; on a larger one the factor matrix itself (4 GB
        // beyond one array's reach) is.
        var error = Assert.ThrowsAny<ArgumentException>(() => model.Fit(data));
        Assert.Contains("1,000,000,000", error.Message.Replace("factors=1000000000", "1,000,000,000", StringComparison.Ordinal));
        Assert.Null(model.TrainingData);

        // The check and the catalogue's estimate are one formula.
        var algorithm = AlgorithmCatalog.Get(name);
        var estimate = algorithm.EstimateMemory(AlgorithmOptions.Parse(algorithm, ["factors=1000000000"]), data.UserCount, data.ItemCount)!;
        Assert.Equal(MemoryEstimate.ForFactors(1_000_000_000, data.UserCount, data.ItemCount, name switch { "biased-mf" => BiasedMatrixFactorization.FactorCopies, "svdpp" => SvdPlusPlus.FactorCopies, "als" => ImplicitAls.FactorCopies, _ => Bpr.FactorCopies }).Bytes, estimate.Bytes);
    }
}
