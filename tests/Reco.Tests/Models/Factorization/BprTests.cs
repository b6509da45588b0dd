using Reco.Data;
using Reco.Models;
using Reco.Models.Factorization;
using Reco.Models.Options;
using Reco.Training;

namespace Reco.Tests.Models.Factorization;

public class BprTests
{
    [Theory]
    [InlineData(64, true, 0.3)]
    [InlineData(64, false, -0.4)]
    [InlineData(37, true, 0.0)]
    [InlineData(33, false, 0.2)]
    [InlineData(16, true, 25.0)]
    [InlineData(12, true, -30.0)]
    [InlineData(5, false, 0.1)]
    [InlineData(1, true, -0.2)]
    [InlineData(128, true, 0.05)]
    public void TheFusedStepMatchesTheSgdFormulaInDoubles(int f, bool updateItems, double shift)
    {
        var random = new Random(f + (updateItems ? 1000 : 0));
        var p = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var qi = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var qj = Enumerable.Range(0, f).Select(_ => random.NextSingle() - 0.5f).ToArray();

        // The bias gap sets x, so large |x| checks the loss and σ where e^x overflows a float.
        float bi = (float)shift;
        float bj = -0.1f;
        const float lr = 0.05f, reg = 0.02f;

        double x = (double)bi - bj;
        for (int k = 0; k < f; k++)
        {
            x += (double)p[k] * ((double)qi[k] - qj[k]);
        }

        double z = 1 / (1 + Math.Exp(x));
        double expectedLoss = Math.Log(1 + Math.Exp(-x));
        var expectedP = new double[f];
        var expectedQi = new double[f];
        var expectedQj = new double[f];
        for (int k = 0; k < f; k++)
        {
            expectedP[k] = p[k] + (lr * ((z * ((double)qi[k] - qj[k])) - (reg * (double)p[k])));
            expectedQi[k] = updateItems ? qi[k] + (lr * ((z * p[k]) - (reg * (double)qi[k]))) : qi[k];
            expectedQj[k] = updateItems ? qj[k] + (lr * ((-z * p[k]) - (reg * (double)qj[k]))) : qj[k];
        }

        double expectedBi = updateItems ? bi + (lr * (z - (reg * (double)bi))) : bi;
        double expectedBj = updateItems ? bj + (lr * (-z - (reg * (double)bj))) : bj;

        float loss = BprKernel.Step(p, qi, qj, ref bi, ref bj, lr, reg, updateItems);

        Assert.Equal(expectedLoss, loss, Math.Max(1e-5, 1e-6 * Math.Abs(expectedLoss)));
        Assert.Equal(expectedBi, bi, 1e-6);
        Assert.Equal(expectedBj, bj, 1e-6);
        for (int k = 0; k < f; k++)
        {
            Assert.Equal(expectedP[k], p[k], 1e-6);
            Assert.Equal(expectedQi[k], qi[k], 1e-6);
            Assert.Equal(expectedQj[k], qj[k], 1e-6);
        }
    }

    [Fact]
    public void TheFusedStepKeepsNaNSoDivergenceIsSeen()
    {
        float[] p = [float.NaN, 1, 2, 3, 4, 5, 6, 7, 8];
        float[] qi = [.. Enumerable.Repeat(0.1f, 9)];
        float[] qj = [.. Enumerable.Repeat(0.2f, 9)];
        float bi = 0, bj = 0;
        Assert.True(float.IsNaN(BprKernel.Step(p, qi, qj, ref bi, ref bj, 0.1f, 0.01f, updateItems: true)));
        Assert.True(float.IsNaN(bi));
    }

    [Fact]
    public void OneThreadFitsAreTheSameBitForBitForASeed()
    {
        var data = ClassicData.Implicit(users: 60, items: 40, perUser: 10);
        var options = new BprOptions { Factors = 12, Epochs = 15, LearningRate = 0.05f };
        var first = Weights(new Bpr(options), data);
        var second = Weights(new Bpr(options), data);
        Assert.Equal(first, second);
        var otherSeed = Weights(new Bpr(options with { Seed = 7 }), data);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void AThreadCountAboveTheCoresStartsNoMoreThreadsThanCores()
    {
        // A careless threads=100000 must neither start 100,000 threads nor fail: it trains as the cores allow.
        var data = ClassicData.Implicit();
        var model = new Bpr(new BprOptions { Factors = 8, Epochs = 5, LearningRate = 0.05f, Threads = 100_000 });
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.Equal(5, losses.Losses.Count);
        Assert.All(losses.Losses, l => Assert.True(double.IsFinite(l)));
    }

    [Fact]
    public void TwoThreadsLearnTheClustersAndSaveAndLoad()
    {
        var data = ClassicData.Implicit();
        var model = new Bpr(new BprOptions { Factors = 8, Epochs = 40, LearningRate = 0.05f, Threads = 2 });
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.True(losses.Losses[^1] < losses.Losses[0] * 0.7, string.Join(", ", losses.Losses));
        FactorizationTests.AssertClusterRanking(model, data);

        var loaded = new Bpr(model.Options);
        loaded.ImportState(model.ExportState(), data);
        var expected = new float[data.ItemCount];
        var actual = new float[data.ItemCount];
        model.ScoreItems(3, expected);
        loaded.ScoreItems(3, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryEpochReportsEachStepOnceInOrder(int threads)
    {
        // 25,000 interactions: steps of 10,000, so three an epoch.
        var rows = new List<(string, string, float, long)>();
        var random = new Random(4);
        for (int u = 0; u < 500; u++)
        {
            foreach (int i in Enumerable.Range(0, 300).OrderBy(_ => random.Next()).Take(50))
            {
                rows.Add(($"u{u}", $"i{i}", 1f, 0L));
            }
        }

        var data = Interactions.From(rows);
        var steps = new StepRecorder();
        new Bpr(new BprOptions { Factors = 4, Epochs = 2, Threads = threads }).Fit(data, [steps]);
        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3)], steps.Steps);
        Assert.All(steps.Totals, t => Assert.Equal(3, t));
    }

    [Fact]
    public void AHugeLearningRateStopsTheFitWithTheHint()
    {
        var data = ClassicData.Implicit();
        var error = Assert.Throws<TrainingDivergedException>(() => new Bpr(new BprOptions { Factors = 8, Epochs = 50, LearningRate = 1e30f }).Fit(data));
        Assert.Contains("lower learning rate", error.Message);
    }

    [Fact]
    public void ThreadsIsValidatedLikeTheOtherOptions()
    {
        Assert.Equal(1, new BprOptions().Threads);
        Assert.Contains("Option threads of bpr is 0; it must be at least 1", Assert.Throws<ArgumentException>(() => new Bpr(new BprOptions { Threads = 0 })).Message);
        var bpr = AlgorithmCatalog.Get("bpr");
        Assert.Equal(2, ((BprOptions)AlgorithmOptions.Parse(bpr, ["threads=2"]).Values).Threads);
        foreach (var bad in new[] { "threads=0", "threads=-1", "threads=two", "threads=1.5" })
        {
            string message = Assert.ThrowsAny<Exception>(() => AlgorithmOptions.Parse(bpr, [bad])).Message;
            Assert.Contains("threads", message);
            Assert.DoesNotContain("\n", message);
            Assert.DoesNotContain("System.", message);
        }

        Assert.Contains(bpr.Parameters, h => h.Name == "threads" && h.Default == "1");
    }

    private static float[] Weights(Bpr model, Interactions data)
    {
        model.Fit(data);
        var state = model.ExportState();
        return [.. state.Floats.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value)];
    }

    private sealed class StepRecorder : TrainingCallback
    {
        public List<(int Epoch, int Step)> Steps { get; } = [];

        public List<int> Totals { get; } = [];

        public override void OnBatchEnd(BatchLog log)
        {
            Steps.Add((log.Epoch, log.Step));
            Totals.Add(log.StepsPerEpoch);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 17)]
    [InlineData(2, 1)]
    [InlineData(4, 33)]
    public void OneUserWithTheOnlyItemTrainsWithoutATriple(int threads, int factors)
    {
        var model = new Bpr(new BprOptions { Factors = factors, Epochs = 3, Threads = threads });
        model.Fit(TestData.Indexed(1, 1, [0], [0]));
        var scores = new float[1];
        model.ScoreItems(0, scores);
        Assert.True(float.IsFinite(scores[0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AUserWithEveryItemOneWithNoneAndRepeatedPairsTrainToFiniteScores(int threads)
    {
        // User 0 has all 8 items (no negative exists for them); user 1 and user 4 have none; user 2 repeats a pair.
        int[] u = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 3];
        int[] i = [0, 1, 2, 3, 4, 5, 6, 7, 1, 1, 6, 3];
        var model = new Bpr(new BprOptions { Factors = 7, Epochs = 20, Threads = threads });
        model.Fit(TestData.Indexed(5, 8, u, i));
        var scores = new float[8];
        for (int user = 0; user < 5; user++)
        {
            model.ScoreItems(user, scores);
            Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        }
    }
}
