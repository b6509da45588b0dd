using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;
using Reco.Data.Synthetic;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models.Baselines;
using Reco.Models.Factorization;

namespace Reco.Tests.Data.Synthetic;

public class SyntheticInteractionsTests
{
    private static readonly SyntheticOptions Small = new() { Users = 400, Items = 300, Interactions = 20_000, Seed = 7 };

    [Fact]
    public void GivesExactlyTheRowsAskedForAsDistinctValidPairsInTimeOrder()
    {
        var data = SyntheticInteractions.Generate(Small);
        Assert.Equal(20_000, data.Count);
        Assert.Equal(400, data.UserCount);
        Assert.Equal(300, data.ItemCount);
        var byUser = data.ByUser();
        Assert.Equal(data.Count, byUser.NonZeros);
        for (int u = 0; u < data.UserCount; u++)
        {
            Assert.NotEmpty(byUser.ItemsOf(u).ToArray());
        }

        for (int r = 0; r < data.Count; r++)
        {
            float rating = data.Ratings[r];
            Assert.InRange(rating, 0.5f, 5f);
            Assert.Equal(Math.Round(rating * 2), rating * 2);
            Assert.InRange(data.Timestamps[r], Small.FirstTime, Small.LastTime);
            if (r > 0 && data.UserIndices[r] == data.UserIndices[r - 1])
            {
                Assert.True(data.Timestamps[r] >= data.Timestamps[r - 1]);
            }
        }
    }

    [Fact]
    public void TheSameOptionsGiveTheSameRows()
    {
        var a = SyntheticInteractions.Generate(Small);
        var b = SyntheticInteractions.Generate(Small);
        Assert.Equal(a.UserIndices.ToArray(), b.UserIndices.ToArray());
        Assert.Equal(a.ItemIndices.ToArray(), b.ItemIndices.ToArray());
        Assert.Equal(a.Ratings.ToArray(), b.Ratings.ToArray());
        Assert.Equal(a.Timestamps.ToArray(), b.Timestamps.ToArray());
        var other = SyntheticInteractions.Generate(Small with { Seed = 8 });
        Assert.NotEqual(a.ItemIndices.ToArray(), other.ItemIndices.ToArray());
    }

    [Fact]
    public void PopularityAndActivityAreSkewed()
    {
        var data = SyntheticInteractions.Generate(new SyntheticOptions { Users = 2_000, Items = 1_000, Interactions = 100_000 });
        var perItem = new int[data.ItemCount];
        foreach (int i in data.ItemIndices)
        {
            perItem[i]++;
        }

        var perUser = new int[data.UserCount];
        foreach (int u in data.UserIndices)
        {
            perUser[u]++;
        }

        // The top 10% of items and of users hold far more than 10% of the interactions.
        Assert.True(perItem.OrderDescending().Take(100).Sum() > 0.3 * data.Count);
        Assert.True(perUser.OrderDescending().Take(200).Sum() > 0.25 * data.Count);
        Assert.True(perItem.Min() < perItem.Max() / 20);
    }

    [Fact]
    public void ModelsFindSignalBeyondPopularity()
    {
        var data = SyntheticInteractions.Generate(new SyntheticOptions { Users = 600, Items = 400, Interactions = 30_000, Seed = 3 });
        var fold = Protocol.Parse("random:0.8", 1).Folds(data).Single();
        var options = new EvaluationOptions { Ks = [10] };
        var popularity = new Popularity();
        popularity.Fit(fold.Train);
        var als = new ImplicitAls(new ImplicitAlsOptions { Factors = 16, Iterations = 8 });
        als.Fit(fold.Train);
        double popular = Evaluator.Evaluate(popularity, fold.Test, options).Metrics["ndcg@10"];
        double learned = Evaluator.Evaluate(als, fold.Test, options).Metrics["ndcg@10"];
        Assert.True(learned > 1.2 * popular, $"ALS nDCG@10 {learned:F4}, popularity {popular:F4}");

        // Ratings carry the latent taste too: the same user rates the items of their genres higher than the rest.
        var model = new BiasedMatrixFactorization(new BiasedMatrixFactorizationOptions { Factors = 8, Epochs = 15 });
        model.Fit(fold.Train);
        double se = 0, seMean = 0;
        float mean = fold.Train.Ratings.ToArray().Average();
        for (int r = 0; r < fold.Test.Count; r++)
        {
            double e = model.Predict(fold.Test.UserIndices[r], fold.Test.ItemIndices[r]) - fold.Test.Ratings[r];
            se += e * e;
            seMean += (mean - fold.Test.Ratings[r]) * (mean - fold.Test.Ratings[r]);
        }

        Assert.True(se < 0.8 * seMean, $"biased MF squared error {se:F0} against the global mean's {seMean:F0}");
    }

    [Fact]
    public async Task WritesParquetThatLoadsBackAndNeverReplacesAFile()
    {
        using var folder = new TempDirectory();
        var data = SyntheticInteractions.Generate(Small);
        string path = folder.Combine("synthetic.parquet");
        await SyntheticInteractions.WriteParquetAsync(data, path);
        var loaded = ParquetSource.Load(path).Interactions;
        Assert.Equal(data.Count, loaded.Count);
        Assert.Equal(data.Ratings.ToArray(), loaded.Ratings.ToArray());
        Assert.Equal(data.Timestamps.ToArray(), loaded.Timestamps.ToArray());
        Assert.Equal(data.UserCount, loaded.UserCount);
        long size = new FileInfo(path).Length;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SyntheticInteractions.WriteParquetAsync(data, path));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(size, new FileInfo(path).Length);
    }

    [Theory]
    [InlineData(0, 10, 10, "--users")]
    [InlineData(10, 1, 10, "--items")]
    [InlineData(10, 10, 5, "at least the number of users")]
    [InlineData(10, 10, 60, "at most 50")]
    public void OutOfRangeOptionsAreOneLineErrors(int users, int items, long interactions, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticInteractions.Generate(new SyntheticOptions { Users = users, Items = items, Interactions = interactions }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
