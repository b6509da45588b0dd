using Reco.Models;
using Reco.Models.Baselines;
using Reco.Models.Factorization;
using Reco.Numerics;

namespace Reco.Tests.Models.Factorization;

public class FactorizationTests
{
    [Fact]
    public void SgdPairUpdateMatchesTheScalarFormula()
    {
        var random = new Random(1);
        var p = Enumerable.Range(0, 37).Select(_ => random.NextSingle()).ToArray();
        var q = Enumerable.Range(0, 37).Select(_ => random.NextSingle()).ToArray();
        var expectedP = p.Select((v, f) => v + (0.1f * ((0.7f * q[f]) - (0.02f * v)))).ToArray();
        var expectedQ = q.Select((v, f) => v + (0.1f * ((-0.3f * p[f]) - (0.02f * v)))).ToArray();
        SgdKernels.UpdatePair(p, q, 0.7f, -0.3f, 0.1f, 0.02f);
        for (int f = 0; f < 37; f++)
        {
            Assert.Equal(expectedP[f], p[f], 5);
            Assert.Equal(expectedQ[f], q[f], 5);
        }
    }

    [Theory]
    [InlineData("biased-mf")]
    [InlineData("svdpp")]
    public void RatingModelsLowerTheirLossAndBeatTheBaselineOnTrainingData(string name)
    {
        var data = ClassicData.Clustered();
        var model = (IRatingPredictor)AlgorithmCatalog.Create(name, ["factors=8", "epochs=40", "lr=0.01"]);
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.Equal(40, losses.Losses.Count);
        Assert.True(losses.Losses[^1] < losses.Losses[0] * 0.5, string.Join(", ", losses.Losses));

        var baseline = new BaselineBiases();
        baseline.Fit(data);
        Assert.True(Rmse(model, data) < Rmse(baseline, data));

        // Same seed, same model.
        var again = (IRatingPredictor)AlgorithmCatalog.Create(name, ["factors=8", "epochs=40", "lr=0.01"]);
        again.Fit(data);
        Assert.Equal(model.Predict(3, 4), again.Predict(3, 4));
    }

    [Fact]
    public void BprLossDecreasesAndRanksTheUsersClusterFirst()
    {
        var data = ClassicData.Implicit();
        var model = new Bpr(new BprOptions { Factors = 8, Epochs = 40, LearningRate = 0.05f, Regularisation = 0.01f });
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.True(losses.Losses[^1] < losses.Losses[0] * 0.7);
        AssertClusterRanking(model, data);
    }

    [Fact]
    public void BprFoldInIsRepeatableAndFollowsTheNewUsersTaste()
    {
        var data = ClassicData.Implicit();
        var model = new Bpr(new BprOptions { Factors = 8, Epochs = 40, LearningRate = 0.05f, Regularisation = 0.01f });
        model.Fit(data);
        int[] history = [.. Enumerable.Range(0, data.ItemCount).Where(i => int.Parse(data.Items[i][1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1).Take(4)];
        Assert.Equal(model.FoldInUser(history), model.FoldInUser(history));
        var scores = new float[data.ItemCount];
        model.ScoreNewUser(history, [], scores);
        var best = new int[3];
        TopK.Select(scores, best, i => history.Contains(i));
        Assert.All(best, i => Assert.Equal(1, int.Parse(data.Items[i][1..], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }

    [Fact]
    public void ConjugateGradientConvergesToTheExactSolve()
    {
        const int f = 5;
        var random = new Random(2);
        var y = Enumerable.Range(0, 12 * f).Select(_ => random.NextSingle() - 0.5f).ToArray();
        int[] items = [1, 4, 7, 9];
        float[] confidence = [2f, 5f, 1.5f, 3f];
        const float reg = 0.3f;
        var gram = new float[f * f];
        for (int a = 0; a < f; a++)
        {
            for (int b = 0; b < f; b++)
            {
                for (int i = 0; i < 12; i++)
                {
                    gram[(a * f) + b] += y[(i * f) + a] * y[(i * f) + b];
                }
            }

            gram[(a * f) + a] += reg;
        }

        var exact = ExactSolve(gram, y, items, confidence, f);
        var x = new float[f];
        ConjugateGradient.Solve(x, gram, y, items, confidence, steps: f, new float[3 * f]);
        for (int d = 0; d < f; d++)
        {
            Assert.Equal(exact[d], x[d], 3);
        }
    }

    // The loss is summed inside the item half-step; here it is recomputed, in doubles, from the final factors.
    [Theory]
    [InlineData(6)]
    [InlineData(32)]
    [InlineData(64)]
    public void AlsReportsTheLossOfItsFinalFactors(int f)
    {
        var data = ClassicData.Implicit();
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = f, Iterations = 3, Regularisation = 0.5f, Alpha = 4f, UseRatings = true });
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        var x = model.UserFactors.ToArray();
        var y = model.ItemFactors.ToArray();
        var byUser = data.ByUser();
        double expected = 0;
        for (int user = 0; user < byUser.UserCount; user++)
        {
            var items = byUser.ItemsOf(user);
            var ratings = byUser.ValuesOf(user);
            for (int k = 0; k < items.Length; k++)
            {
                double dot = 0;
                for (int d = 0; d < f; d++)
                {
                    dot += (double)x[(user * f) + d] * y[(items[k] * f) + d];
                }

                expected += (1 + (4.0 * ratings[k])) * (1 - dot) * (1 - dot);
            }
        }

        expected += 0.5 * (x.Sum(v => (double)v * v) + y.Sum(v => (double)v * v));
        expected /= byUser.NonZeros;
        Assert.Equal(3, losses.Losses.Count);
        Assert.Equal(expected, losses.Losses[^1], 1e-5 * expected);
    }

    [Fact]
    public void AlsLossDecreasesFoldInIsTheExactUserSolveAndRanksTheCluster()
    {
        var data = ClassicData.Implicit();
        var model = new ImplicitAls(new ImplicitAlsOptions { Factors = 6, Iterations = 10, Regularisation = 0.5f, Alpha = 4f });
        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.True(losses.Losses[^1] <= losses.Losses[0]);
        AssertClusterRanking(model, data);

        int f = model.Factors;
        var y = model.ItemFactors.ToArray();
        var gram = new float[f * f];
        Gemm.Multiply(f, f, data.ItemCount, y, 1, f, y, f, gram, f, accumulate: false);
        for (int d = 0; d < f; d++)
        {
            gram[(d * f) + d] += 0.5f;
        }

        var items = data.ByUser().ItemsOf(3).ToArray();
        var exact = ExactSolve(gram, y, items, [.. items.Select(_ => 5f)], f);
        var folded = model.FoldInUser(items, []);
        for (int d = 0; d < f; d++)
        {
            Assert.Equal(exact[d], folded[d], 3);
        }

        // After convergence the trained user factor is (nearly) that same solve.
        var trained = model.UserFactors.Slice(3 * f, f).ToArray();
        var scores = new float[data.ItemCount];
        model.ScoreNewUser(items, [], scores);
        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(folded, y.AsSpan(0, f)), scores[0], 4);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.Distance(trained, folded) < 0.1f * System.Numerics.Tensors.TensorPrimitives.Norm(folded) + 0.05f);
    }

    [Fact]
    public void EaseWeightsMatchADirectInverse()
    {
        var data = ClassicData.Implicit(users: 12, items: 7, perUser: 3);
        const float lambda = 2f;
        var model = new Ease(new EaseOptions { Lambda = lambda });
        model.Fit(data);

        int n = data.ItemCount;
        var g = new double[n * n];
        var byUser = data.ByUser();
        for (int u = 0; u < data.UserCount; u++)
        {
            foreach (int i in byUser.ItemsOf(u))
            {
                foreach (int j in byUser.ItemsOf(u))
                {
                    g[(i * n) + j] += 1;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            g[(i * n) + i] += lambda;
        }

        var p = ClassicData.Inverse(g, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = (i == j ? 1 : 0) - (p[(i * n) + j] / p[(j * n) + j]);
                Assert.Equal(expected, model.Weights[(i * n) + j], 4);
            }
        }

        var scores = new float[n];
        model.ScoreItems(0, scores);
        var folded = new float[n];
        model.ScoreNewUser(byUser.ItemsOf(0), [], folded);
        Assert.Equal(scores, folded);
    }

    [Fact]
    public void EaseCountsCoOccurrencesFromTheSparseRows()
    {
        var data = ClassicData.Clustered(users: 30, items: 25, perUser: 9);
        int n = data.ItemCount;
        var byUser = data.ByUser();
        var g = Ease.CoOccurrence(byUser, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                int both = Enumerable.Range(0, data.UserCount).Count(u => byUser.Contains(u, i) && byUser.Contains(u, j));
                Assert.Equal(both, g[(i * n) + j]);
            }
        }
    }

    [Fact]
    public void EaseWithTooSmallALambdaSaysToRaiseIt()
    {
        // Items a and b always together: XᵀX is singular, and λ = 1e-30 vanishes beside 3 in single precision.
        var data = ClassicData.Of(("u1", "a", 1), ("u1", "b", 1), ("u2", "a", 1), ("u2", "b", 1), ("u3", "a", 1), ("u3", "b", 1), ("u3", "c", 1));
        var error = Assert.Throws<ArgumentException>(() => new Ease(new EaseOptions { Lambda = 1e-30f }).Fit(data));
        Assert.Contains("with lambda 1E-30; raise lambda", error.Message);
        new Ease(new EaseOptions { Lambda = 1f }).Fit(data);
    }

    [Fact]
    public void EaseRefusesACatalogueTooLargeForOneMatrixBeforeAnyWork()
    {
        var rows = Enumerable.Range(0, Ease.MaxItems + 1).Select(i => ($"u{i % 3}", $"i{i}", 1f, 0L));
        var data = Reco.Data.Interactions.From(rows);
        var model = new Ease();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(data));
        Assert.Contains("46,341 items", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Null(model.TrainingData);
    }

    [Fact]
    public void CholeskyInverseMatchesGaussianElimination()
    {
        var random = new Random(4);
        const int n = 40;
        var m = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    a[(i * n) + j] += m[(i * n) + k] * m[(j * n) + k];
                }
            }

            a[(i * n) + i] += 1;
        }

        var expected = ClassicData.Inverse(a, n);
        var actual = Cholesky.Invert([.. a.Select(v => (float)v)], n);
        for (int ij = 0; ij < n * n; ij++)
        {
            Assert.Equal(expected[ij], actual[ij], 3);
        }
    }

    private static double[] ExactSolve(float[] gram, float[] y, int[] items, float[] confidence, int f)
    {
        var a = gram.Select(v => (double)v).ToArray();
        var b = new double[f];
        for (int k = 0; k < items.Length; k++)
        {
            for (int r = 0; r < f; r++)
            {
                double yr = y[(items[k] * f) + r];
                b[r] += confidence[k] * yr;
                for (int c = 0; c < f; c++)
                {
                    a[(r * f) + c] += (confidence[k] - 1) * yr * y[(items[k] * f) + c];
                }
            }
        }

        return ClassicData.Solve(a, b, f);
    }

    /// <summary>More than 90% of every user's top 3 come from the user's own cluster (even or odd ids, as in <see cref="ClassicData"/>).</summary>
    internal static void AssertClusterRanking(IRecommender model, Reco.Data.Interactions data)
    {
        int correct = 0, total = 0;
        for (int u = 0; u < data.UserCount; u++)
        {
            int cluster = int.Parse(data.Users[u][1..], System.Globalization.CultureInfo.InvariantCulture) % 2;
            foreach (var item in model.Recommend(u, 3))
            {
                correct += int.Parse(data.Items[item.Item][1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == cluster ? 1 : 0;
                total++;
            }
        }

        Assert.True(correct > 0.9 * total, $"{correct}/{total} recommendations from the user's own cluster");
    }

    private static double Rmse(IRatingPredictor model, Reco.Data.Interactions data)
    {
        double se = 0;
        for (int r = 0; r < data.Count; r++)
        {
            double e = model.Predict(data.UserIndices[r], data.ItemIndices[r]) - data.Ratings[r];
            se += e * e;
        }

        return Math.Sqrt(se / data.Count);
    }
}
