using System.Text;
using Reco.Data;
using Reco.Data.Splits;
using Reco.Recipes.Tutorials;

namespace Reco.Tests.Recipes.Tutorials;

/// <summary>Every TFRS tutorial recipe on a small generated MovieLens folder, with few epochs.</summary>
[Collection(GlobalRandomSeed.Name)]
public class TutorialRecipeTests
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        string folder = MovieLensFiles.Write(users: 24, movies: 30, ratingsPerUser: 12, seed: 3);
        var users = new StringBuilder();
        string[] occupations = ["writer", "technician", "other"];
        for (int u = 1; u <= 24; u++)
        {
            users.Append(u).Append('|').Append(15 + (u * 2)).Append('|').Append(u % 2 == 0 ? 'M' : 'F').Append('|').Append(occupations[u % 3]).Append('|').Append(10000 + (u % 5)).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "u.user"), users.ToString());
        return folder;
    });

    private static DataSet Data => DataSet.LoadMovieLens(Folder.Value);

    [Fact]
    public void BasicRankingReportsTheTestRmseOfTheSeededSplit()
    {
        var result = BasicRanking.Run(Data.Interactions, new BasicRankingOptions { Epochs = 2, BatchSize = 64, Layers = [16, 8] });
        var (train, test) = InteractionSplits.Random(Data.Interactions, 0.8, seed: 42);
        Assert.Equal((train.Count, test.Count), (result.TrainRows, result.TestRows));
        Assert.True(double.IsFinite(result.Metrics["rmse"]) && result.Metrics["rmse"] > 0);
        var row = Assert.Single(result.Rows);
        Assert.Equal(2, row.Epochs);
        Assert.Equal(2, row.History!.Epochs.Count);
    }

    [Fact]
    public void ContextFeaturesTrainsWithoutThenWithTimestamps()
    {
        var result = ContextFeatures.Run(Data.Interactions, new ContextFeaturesOptions { Epochs = 1, BatchSize = 64 });
        Assert.Equal(["without timestamps (baseline)", "with timestamps"], result.Rows.Select(r => r.Name));
        Assert.Same(result.Rows[1].Metrics, result.Metrics);
        Assert.Contains("factorized_top_k@100", result.Metrics.Keys);
        Assert.Contains("train_factorized_top_k@100", result.Metrics.Keys);
    }

    [Fact]
    public void DeepRecommendersComparesTowerDepths()
    {
        var result = DeepRecommenders.Run(Data.Interactions, new DeepRecommendersOptions { Epochs = 2, BatchSize = 64, LayerSizes = [[8], [16, 8]] });
        Assert.Equal(["1 layer [8]", "2 layers [16, 8]"], result.Rows.Select(r => r.Name));
        Assert.Contains("factorized_top_k@100", result.Metrics.Keys);

        // No metrics while training (they only count on the test share).
        Assert.Equal(["loss"], result.Rows[0].History!.Epochs[0].Logs.Keys);
    }

    [Fact]
    public void MultitaskReportsBothTasksForEachWeighting()
    {
        var result = Multitask.Run(Data.Interactions, new MultitaskOptions { Epochs = 2, BatchSize = 64, RatingLayers = [8] });
        Assert.Equal(3, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Contains("rmse", r.Metrics.Keys));
        Assert.All(result.Rows, r => Assert.Contains("factorized_top_k@100", r.Metrics.Keys));
        Assert.Contains("retrieval weight 1", result.Rows[^1].Name);
    }

    [Fact]
    public void DeepCrossNetworkAveragesRunsOfThreeModels()
    {
        var result = DeepCrossNetwork.Run(Data, new DeepCrossNetworkOptions { Runs = 2, Epochs = 2, BatchSize = 64, DeepLayers = [8], DnnLayers = [8, 8], ProjectionDim = 4 });
        Assert.Equal(["DCN (stacked, full rank)", "DCN (low-rank, projection 4)", "DNN [8, 8]"], result.Rows.Select(r => r.Name));
        Assert.All(result.Rows, r => Assert.Equal(2, r.Runs));
        Assert.All(result.Rows, r => Assert.True(r.Metrics["rmse"] > 0 && r.Metrics["rmse_std"] >= 0));
        Assert.Same(result.Rows[0].Metrics, result.Metrics);

        var withoutUsers = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 6, movies: 8, ratingsPerUser: 4, seed: 1));
        Assert.Contains("gender, age, occupation and zip", Assert.Throws<ArgumentException>(() => DeepCrossNetwork.Run(withoutUsers)).Message);
    }

    [Fact]
    public void ListwiseSamplesListsOfOneUsersRatingsAndComparesThreeLosses()
    {
        var interactions = Data.Interactions;
        var lists = ListwiseRanking.SampleLists(interactions, listsPerUser: 3, listSize: 5, seed: 1);
        Assert.Equal(interactions.UserCount * 3, lists.Length);
        foreach (var (items, labels) in lists)
        {
            Assert.Equal(5, items.Length);
            Assert.Single(items.Select(i => i.User).Distinct());
            Assert.Equal(5, items.Distinct().Count());
            Assert.Equal(5, labels.Length);
        }

        // Users with fewer ratings than a list are left out.
        Assert.Empty(ListwiseRanking.SampleLists(interactions, 1, listSize: 13, seed: 1));

        // A careless count is refused before drawing (it ran until memory ran out).
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => ListwiseRanking.SampleLists(interactions, int.MaxValue, listSize: 5, seed: 1));
        Assert.Equal("listsPerUser", tooMany.ParamName);
        Assert.Contains("sample fewer lists a user", tooMany.Message);

        var result = ListwiseRanking.Run(interactions, new ListwiseRankingOptions { Epochs = 2, TrainListsPerUser = 5, Layers = [8], BatchSize = 32 });
        Assert.Equal(["mean squared error", "pairwise hinge", "ListMLE"], result.Rows.Select(r => r.Name));
        Assert.All(result.Rows, r => Assert.InRange(r.Metrics["ndcg@5"], 0, 1));
    }

    [Fact]
    public void SequentialPredictsEachUsersLastMovieAgainstBaselines()
    {
        var interactions = Data.Interactions;
        var result = SequentialRetrieval.Run(interactions, new SequentialRetrievalOptions { Epochs = 1, BatchSize = 64, EmbeddingDim = 8 });

        // One test example per user with at least 3 ratings of 2 or more; the training examples are the earlier positions.
        int users = 0, examples = 0;
        for (int u = 0; u < interactions.UserCount; u++)
        {
            int n = Enumerable.Range(0, interactions.Count).Count(r => interactions.UserIndices[r] == u && interactions.RatingAt(r) >= 2);
            if (n >= 3)
            {
                users++;
                examples += n - 2;
            }
        }

        Assert.Equal((examples, users), (result.TrainRows, result.TestRows));
        Assert.Equal(["GRU over the last 10 movies", "two-tower over user ids", "popularity"], result.Rows.Select(r => r.Name));
        Assert.All(result.Rows, r => Assert.InRange(r.Metrics["factorized_top_k@50"], 0, 1));

        // Settings that would run nothing, or nonsense, are refused when set.
        Assert.Throws<ArgumentException>(() => new MultitaskOptions { Weights = [] });
        Assert.Throws<ArgumentException>(() => new MultitaskOptions { Weights = [(0f, 0f)] });
        Assert.Throws<ArgumentException>(() => new MultitaskOptions { Weights = [(1f, float.NaN)] });
        Assert.Throws<ArgumentException>(() => new DeepRecommendersOptions { LayerSizes = [] });
        Assert.Throws<ArgumentException>(() => new DeepRecommendersOptions { LayerSizes = [[]] });
        Assert.Throws<ArgumentException>(() => new DeepRecommendersOptions { LayerSizes = [[32, 0]] });

        // No context makes every query alike and every score a tie, which would count as a perfect hit rate.
        Assert.Equal("ContextLength", Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialRetrievalOptions { ContextLength = 0 }).ParamName);
    }
}
