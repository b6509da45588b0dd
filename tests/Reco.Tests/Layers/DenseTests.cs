using Reco.Layers;
using Reco.Optimizers;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Layers;

public class DenseTests
{
    public static TheoryData<int, int, int, Activation> Shapes => new()
    {
        { 1, 1, 1, Activation.Linear },
        { 1, 1, 1, Activation.Relu },
        { 3, 4, 2, Activation.Linear },
        { 3, 4, 2, Activation.Relu },
        { 5, 3, 6, Activation.Relu },
        { 7, 33, 17, Activation.Linear },
        { 7, 33, 17, Activation.Relu },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsMatchCentralFiniteDifferencesInDouble(int batch, int inputs, int units, Activation activation)
    {
        var random = new Random((batch * 1000) + (inputs * 10) + units);
        var (x, kernel, bias) = AwayFromKinks(random, batch, inputs, units, activation);
        var c = Uniform(random, batch * units);
        var layer = new Dense(inputs, units, activation, [.. kernel.Select(v => (float)v)], [.. bias.Select(v => (float)v)]);

        // Forward must compute the function the finite differences are taken of.
        var output = new float[batch * units];
        layer.Forward(ToFloats(x), batch, output);
        var expected = Forward(x, kernel, bias, batch, inputs, units, activation);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-5);
        }

        var recorder = new RecordingOptimizer();
        var inputGradient = new float[batch * inputs];
        layer.Backward(ToFloats(c), inputGradient, recorder);

        double Loss(double[] xs, double[] k, double[] b)
        {
            var y = Forward(xs, k, b, batch, inputs, units, activation);
            double loss = 0;
            for (int i = 0; i < y.Length; i++)
            {
                loss += c[i] * y[i];
            }

            return loss;
        }

        AssertMatches(FiniteDifferences(x, v => Loss(v, kernel, bias)), [.. inputGradient.Select(g => (double)g)], "inputs");
        AssertMatches(FiniteDifferences(kernel, v => Loss(x, v, bias)), recorder.GradientOf(layer.Kernel), "kernel");
        AssertMatches(FiniteDifferences(bias, v => Loss(x, kernel, v)), recorder.GradientOf(layer.Bias), "bias");

        // One dense step per variable, and the weights are those of before the step.
        Assert.Equal(2, recorder.Steps.Count);
        Assert.All(recorder.Steps, s => Assert.Equal(0, s.Offset));
    }

    [Fact]
    public void ReluPassesNoGradientWhereTheUnitIsOff()
    {
        // z = x·K + b = (1·1 + 2·(−1) + 0.5, 1·2 + 2·1 + 0) = (−0.5, 4): the first unit is off.
        var layer = new Dense(2, 2, Activation.Relu, [1f, 2f, -1f, 1f], [0.5f, 0f]);
        var output = new float[2];
        layer.Forward([1f, 2f], 1, output);
        Assert.Equal([0f, 4f], output);

        var recorder = new RecordingOptimizer();
        var inputGradient = new float[2];
        layer.Backward([10f, 1f], inputGradient, recorder);

        // Only the second unit's gradient (1) flows: ∂/∂x = K[:,1] = (2, 1), ∂/∂K[:,1] = x, ∂/∂b = (0, 1).
        Assert.Equal([2f, 1f], inputGradient);
        Assert.Equal([0.0, 1, 0, 2], recorder.GradientOf(layer.Kernel));
        Assert.Equal([0.0, 1], recorder.GradientOf(layer.Bias));

        // With a real step, ∂/∂x still uses the kernel of the forward pass, not the updated one.
        layer.Backward([10f, 1f], inputGradient, new Sgd(1f));
        Assert.Equal([2f, 1f], inputGradient);
        Assert.Equal([1f, 1f, -1f, -1f], layer.Kernel.Values.ToArray());
        Assert.Equal([0.5f, -1f], layer.Bias.Values.ToArray());
    }

    [Fact]
    public void CallEqualsForwardAndSgdStepsAlongTheGradient()
    {
        var random = new Random(11);
        var layer = new Dense(4, 3, Activation.Linear, ToFloats(Uniform(random, 12)), ToFloats(Uniform(random, 3)));
        var x = ToFloats(Uniform(random, 8));
        var called = new float[6];
        var forwarded = new float[6];
        layer.Call(x, 2, called);
        layer.Forward(x, 2, forwarded);
        Assert.Equal(called, forwarded);

        // Linear layer, loss Σ y: ∂/∂K[i,j] = Σ_r x[r,i], ∂/∂b[j] = batch.
        var kernelBefore = layer.Kernel.Values.ToArray();
        var biasBefore = layer.Bias.Values.ToArray();
        layer.Backward([1f, 1f, 1f, 1f, 1f, 1f], [], new Sgd(0.1f));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(kernelBefore[(i * 3) + j] - (0.1 * (x[i] + x[4 + i])), layer.Kernel.Values[(i * 3) + j], 1e-6);
            }
        }

        Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(biasBefore[j] - 0.2, layer.Bias.Values[j], 1e-6));
    }

    [Fact]
    public void GlorotUniformKernelZeroBiasAndSeededInitialisation()
    {
        var layer = new Dense(16, Activation.Relu, seed: 3);
        Assert.False(layer.IsBuilt);
        Assert.Empty(layer.Variables);
        Assert.Throws<InvalidOperationException>(() => layer.Kernel);

        layer.Build(48);
        double limit = Math.Sqrt(6.0 / (48 + 16));
        Assert.Equal(48, layer.Kernel.Rows);
        Assert.Equal(16, layer.Kernel.Columns);
        Assert.All(layer.Kernel.Values.ToArray(), v => Assert.InRange(Math.Abs(v), 0, limit));

        // The whole range is used (not, say, a normal of a tenth the width).
        Assert.True(layer.Kernel.Values.ToArray().Max(Math.Abs) > 0.9 * limit);
        Assert.All(layer.Bias.Values.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(["kernel", "bias"], layer.Variables.Select(v => v.Name));

        var again = new Dense(16, Activation.Relu, seed: 3);
        again.Build(48);
        Assert.Equal(layer.Kernel.Values.ToArray(), again.Kernel.Values.ToArray());
        var other = new Dense(16, Activation.Relu, seed: 4);
        other.Build(48);
        Assert.NotEqual(layer.Kernel.Values.ToArray(), other.Kernel.Values.ToArray());
    }

    [Fact]
    public void ALayerBuiltForOneInputSizeRefusesAnother()
    {
        var layer = new Dense(4, seed: 1);
        layer.Build(3);
        var kernel = layer.Kernel;
        layer.Build(3);
        Assert.Same(kernel, layer.Kernel);

        var error = Assert.Throws<ArgumentException>(() => layer.Build(5));
        Assert.Contains("3", error.Message);
        Assert.Equal(3, layer.InputDim);

        // Sharing the layer with a tower whose embeddings have another width is the same mistake.
        var lookup = new Reco.Data.StringLookup(["a"]);
        Assert.Throws<ArgumentException>(() => new Sequential<string>(lookup, new Embedding(2, 5, seed: 1), layer));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(0));
        Assert.Throws<ArgumentException>(() => new Dense(2, 2, Activation.Linear, new float[3], new float[2]));
    }

    [Fact]
    public void ConfigRebuildsAnIdenticalLayer()
    {
        var random = new Random(5);
        var layer = new Dense(3, 2, Activation.Relu, ToFloats(Uniform(random, 6)), ToFloats(Uniform(random, 2)));
        var config = layer.Config;
        Assert.Equal("dense", config.Type);
        Assert.Equal("3", config.Arguments["input_dim"]);
        Assert.Equal("2", config.Arguments["units"]);
        Assert.Equal("relu", config.Arguments["activation"]);

        var saved = layer.Variables.ToDictionary(v => v.Name, v => v.Values.ToArray());
        var rebuilt = Assert.IsType<Dense>(new LayerConfig(config.Type, new Dictionary<string, string>(config.Arguments)).Create(name => saved[name]));
        Assert.Equal((3, 2, Activation.Relu), (rebuilt.InputDim, rebuilt.OutputDim, rebuilt.Activation));

        var x = ToFloats(Uniform(random, 9));
        var before = new float[6];
        var after = new float[6];
        layer.Call(x, 3, before);
        rebuilt.Call(x, 3, after);
        Assert.Equal(before, after);
        Assert.Equal("linear", new Dense(2, 2, Activation.Linear, new float[4], new float[2]).Config.Arguments["activation"]);
    }

    [Fact]
    public void MalformedConfigsAreFormatErrors()
    {
        float[] Zeros(string name) => name == "kernel" ? new float[4] : new float[2];
        Dictionary<string, string> Arguments(string units = "2", string activation = "linear") =>
            new() { ["input_dim"] = "2", ["units"] = units, ["activation"] = activation };

        Assert.Contains("conv2d", Assert.Throws<InvalidDataException>(() => new LayerConfig("conv2d", Arguments()).Create(Zeros)).Message);
        Assert.Contains("tanh", Assert.Throws<InvalidDataException>(() => new LayerConfig("dense", Arguments(activation: "tanh")).Create(Zeros)).Message);
        Assert.Contains("units", Assert.Throws<InvalidDataException>(() => new LayerConfig("dense", Arguments(units: "0")).Create(Zeros)).Message);
        Assert.Contains("units", Assert.Throws<InvalidDataException>(() => new LayerConfig("dense", Arguments(units: "two")).Create(Zeros)).Message);
        var missing = Arguments();
        missing.Remove("activation");
        Assert.Contains("activation", Assert.Throws<InvalidDataException>(() => new LayerConfig("dense", missing).Create(Zeros)).Message);
    }

    /// <summary>Inputs and weights in [−1, 1]; for ReLU, redrawn until no pre-activation is within 10⁻³ of the kink.</summary>
    private static (double[] X, double[] Kernel, double[] Bias) AwayFromKinks(Random random, int batch, int inputs, int units, Activation activation)
    {
        while (true)
        {
            var x = Uniform(random, batch * inputs);
            var kernel = Uniform(random, inputs * units);
            var bias = Uniform(random, units);
            var z = Forward(x, kernel, bias, batch, inputs, units, Activation.Linear);
            if (activation == Activation.Linear || z.All(v => Math.Abs(v) > 1e-3))
            {
                return (x, kernel, bias);
            }
        }
    }

    /// <summary>The dense layer in double: y = act(x·K + b).</summary>
    internal static double[] Forward(double[] x, double[] kernel, double[] bias, int batch, int inputs, int units, Activation activation)
    {
        var y = new double[batch * units];
        for (int r = 0; r < batch; r++)
        {
            for (int j = 0; j < units; j++)
            {
                double z = bias[j];
                for (int i = 0; i < inputs; i++)
                {
                    z += x[(r * inputs) + i] * kernel[(i * units) + j];
                }

                y[(r * units) + j] = activation == Activation.Relu ? Math.Max(0, z) : z;
            }
        }

        return y;
    }

    /// <summary>Central differences, step 10⁻⁶, of <paramref name="loss"/> with respect to each value of <paramref name="values"/>.</summary>
    internal static double[] FiniteDifferences(double[] values, Func<double[], double> loss)
    {
        const double h = 1e-6;
        var gradient = new double[values.Length];
        var v = (double[])values.Clone();
        for (int i = 0; i < v.Length; i++)
        {
            double keep = v[i];
            v[i] = keep + h;
            double plus = loss(v);
            v[i] = keep - h;
            double minus = loss(v);
            v[i] = keep;
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }

    internal static void AssertMatches(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 2e-5 * (1 + Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: finite differences {expected[i]}, backward {actual[i]}");
        }
    }

    /// <summary>Values in [−1, 1] that are exactly representable as float, so the double reference and the layer see the same numbers.</summary>
    internal static double[] Uniform(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 2) - 1))];

    internal static float[] ToFloats(double[] values) => [.. values.Select(v => (float)v)];
}
