using Reco.Data;
using Reco.Layers;
using Reco.Optimizers;
using static Reco.Tests.Layers.DenseTests;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Layers;

public class SequentialTests
{
    // Vocabulary a → 1, b → 2, c → 3, d → 4; anything else → 0 (the out-of-vocabulary row).
    private static readonly string[] Vocabulary = ["a", "b", "c", "d"];
    private static readonly string[] Batch = ["b", "a", "b", "zz", "c", "b"];
    private static readonly int[] Rows = [2, 1, 2, 0, 3, 2];

    [Fact]
    public void TwoDenseLayersBackwardMatchesFiniteDifferencesOfTheWholeTower()
    {
        const int d = 6, hidden = 8, units = 3;
        var random = new Random(21);
        var (embedding, kernel1, bias1, kernel2, bias2) = AwayFromKinks(random, d, hidden, units);
        var tower = new Sequential<string>(
            new StringLookup(Vocabulary),
            new Embedding(5, d, ToFloats(embedding)),
            new Dense(d, hidden, Activation.Relu, ToFloats(kernel1), ToFloats(bias1)),
            new Dense(hidden, units, Activation.Linear, ToFloats(kernel2), ToFloats(bias2)));
        Assert.Equal(units, tower.OutputDim);
        var c = Uniform(random, Batch.Length * units);

        double Loss(double[] e, double[] k1, double[] b1, double[] k2, double[] b2)
        {
            var y = TowerForward(e, k1, b1, k2, b2, d, hidden, units);
            return y.Select((v, i) => c[i] * v).Sum();
        }

        // Forward and Call both compute the reference function.
        var forwarded = new float[Batch.Length * units];
        var called = new float[Batch.Length * units];
        tower.Call(Batch, called);
        tower.Forward(Batch, forwarded);
        var expected = TowerForward(embedding, kernel1, bias1, kernel2, bias2, d, hidden, units);
        Assert.Equal(called, forwarded);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], forwarded[i], 1e-5));

        var recorder = new RecordingOptimizer();
        tower.Backward(ToFloats(c), recorder);

        var layers = tower.Layers.Cast<Dense>().ToArray();
        AssertMatches(FiniteDifferences(embedding, v => Loss(v, kernel1, bias1, kernel2, bias2)), recorder.GradientOf(tower.Embedding.Variable), "embedding");
        AssertMatches(FiniteDifferences(kernel1, v => Loss(embedding, v, bias1, kernel2, bias2)), recorder.GradientOf(layers[0].Kernel), "kernel 1");
        AssertMatches(FiniteDifferences(bias1, v => Loss(embedding, kernel1, v, kernel2, bias2)), recorder.GradientOf(layers[0].Bias), "bias 1");
        AssertMatches(FiniteDifferences(kernel2, v => Loss(embedding, kernel1, bias1, v, bias2)), recorder.GradientOf(layers[1].Kernel), "kernel 2");
        AssertMatches(FiniteDifferences(bias2, v => Loss(embedding, kernel1, bias1, kernel2, v)), recorder.GradientOf(layers[1].Bias), "bias 2");

        // The embedding is updated sparsely: each looked-up row once (b three times in the batch), row 4 (d) never.
        var embeddingSteps = recorder.Steps.Where(s => s.Variable == tower.Embedding.Variable).Select(s => s.Offset / d).ToArray();
        Assert.Equal([0, 1, 2, 3], embeddingSteps.Order());
        Assert.Equal(4, recorder.Steps.Count - embeddingSteps.Length);
        Assert.Equal(
            [tower.Embedding.Variable, layers[0].Kernel, layers[0].Bias, layers[1].Kernel, layers[1].Bias],
            tower.Variables);
    }

    [Fact]
    public void BackwardThroughSgdWithATinyLearningRateMovesEveryWeightByMinusRateTimesGradient()
    {
        const int d = 4, hidden = 5, units = 2;
        const float rate = 1e-3f;
        var random = new Random(8);
        var (embedding, kernel1, bias1, kernel2, bias2) = AwayFromKinks(random, d, hidden, units);
        var first = new Dense(d, hidden, Activation.Relu, ToFloats(kernel1), ToFloats(bias1));
        var second = new Dense(hidden, units, Activation.Linear, ToFloats(kernel2), ToFloats(bias2));
        var tower = new Sequential<string>(new StringLookup(Vocabulary), new Embedding(5, d, ToFloats(embedding)), first, second);
        var c = Uniform(random, Batch.Length * units);

        tower.Forward(Batch, new float[Batch.Length * units]);
        tower.Backward(ToFloats(c), new Sgd(rate));

        double Loss(double[] k1) => TowerForward(embedding, k1, bias1, kernel2, bias2, d, hidden, units).Select((v, i) => c[i] * v).Sum();
        var gradient = FiniteDifferences(kernel1, Loss);
        for (int i = 0; i < kernel1.Length; i++)
        {
            Assert.Equal(kernel1[i] - (rate * gradient[i]), first.Kernel.Values[i], 1e-6);
        }
    }

    [Fact]
    public void EmbeddingApplyGradientSumsRepeatedRowsAndStepsEachRowOnce()
    {
        var embedding = new Embedding(6, 2, [.. Enumerable.Range(0, 12).Select(i => (float)i)]);
        int[] indices = [4, 1, 4, 4, 0];
        float[] gradients = [1f, 2f, 10f, 20f, 100f, 200f, 1000f, 2000f, -5f, 5f];

        var recorder = new RecordingOptimizer();
        embedding.ApplyGradient(indices, gradients, recorder);
        Assert.Equal([(8, 2), (2, 2), (0, 2)], recorder.Steps.Select(s => (s.Offset, s.Length)));
        var g = recorder.GradientOf(embedding.Variable);
        Assert.Equal([-5.0, 5, 10, 20, 0, 0, 0, 0, 1101, 2202, 0, 0], g);

        // With a real optimizer: w −= 0.5 · summed gradient, untouched rows unchanged.
        embedding.ApplyGradient(indices, gradients, new Sgd(0.5f));
        Assert.Equal([8f - 550.5f, 9f - 1101f], embedding[4].ToArray());
        Assert.Equal([2f - 5f, 3f - 10f], embedding[1].ToArray());
        Assert.Equal([0f + 2.5f, 1f - 2.5f], embedding[0].ToArray());
        Assert.Equal([4f, 5f], embedding[2].ToArray());

        // A second batch forgets the first one's rows.
        var again = new RecordingOptimizer();
        embedding.ApplyGradient([2], [1f, 1f], again);
        Assert.Equal([(4, 2)], again.Steps.Select(s => (s.Offset, s.Length)));
    }

    [Fact]
    public void TowerOfOnlyAnEmbeddingGathersRowsAndLayerWidthsMustChain()
    {
        var weights = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        var tower = new Sequential<string>(new StringLookup(Vocabulary), new Embedding(5, 2, weights));
        Assert.Equal([4f, 5f], tower.Call("b"));
        Assert.Equal([0f, 1f], tower.Call("unknown"));
        var matrix = tower.Predict(["d", "a"]);
        Assert.Equal([8f, 9f, 2f, 3f], matrix.Data);

        var lookup = new StringLookup(Vocabulary);
        Assert.Throws<ArgumentException>(() => new Sequential<string>(lookup, new Embedding(4, 2, seed: 1)));
        Assert.Throws<ArgumentException>(() => new Sequential<string>(lookup, new Embedding(5, 2, seed: 1), new Dense(2, 3, Activation.Linear, new float[6], new float[3]), new Dense(4, 1, Activation.Linear, new float[4], new float[1])));
        Assert.Throws<ArgumentException>(() => tower.Call(["a", "b"], new float[3]));
    }

    /// <summary>Weights in [−1, 1], redrawn until no hidden pre-activation of <see cref="Batch"/> is within 10⁻³ of the ReLU kink.</summary>
    private static (double[] Embedding, double[] Kernel1, double[] Bias1, double[] Kernel2, double[] Bias2) AwayFromKinks(Random random, int d, int hidden, int units)
    {
        while (true)
        {
            var embedding = Uniform(random, 5 * d);
            var kernel1 = Uniform(random, d * hidden);
            var bias1 = Uniform(random, hidden);
            var z = Forward(Gather(embedding, d), kernel1, bias1, Rows.Length, d, hidden, Activation.Linear);
            if (z.All(v => Math.Abs(v) > 1e-3))
            {
                return (embedding, kernel1, bias1, Uniform(random, hidden * units), Uniform(random, units));
            }
        }
    }

    private static double[] TowerForward(double[] embedding, double[] kernel1, double[] bias1, double[] kernel2, double[] bias2, int d, int hidden, int units)
    {
        var h = Forward(Gather(embedding, d), kernel1, bias1, Rows.Length, d, hidden, Activation.Relu);
        return Forward(h, kernel2, bias2, Rows.Length, hidden, units, Activation.Linear);
    }

    private static double[] Gather(double[] embedding, int d) => [.. Rows.SelectMany(r => embedding.Skip(r * d).Take(d))];
}
