using Reco.Layers;
using Reco.Optimizers;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Layers;

public class CrossTests
{
    public static TheoryData<int, int, int?, int> Shapes => new()
    {
        { 1, 1, null, 1 },
        { 3, 4, null, 1 },
        { 5, 6, 2, 1 },
        { 4, 5, null, 2 },
        { 3, 7, 3, 3 },
        { 9, 33, 4, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsMatchCentralFiniteDifferencesInDouble(int batch, int n, int? rank, int depth)
    {
        var random = new Random((batch * 100) + (n * 10) + depth);
        var layer = new Cross(rank, depth, seed: 1);
        layer.Build(n);
        var weights = layer.Variables.Select(v => Uniform(random, v.Values.Length)).ToArray();
        for (int v = 0; v < weights.Length; v++)
        {
            ToFloats(weights[v]).CopyTo(layer.Variables[v].Values);
        }

        var x = Uniform(random, batch * n);
        var c = Uniform(random, batch * n);
        var output = new float[batch * n];
        layer.Forward(ToFloats(x), batch, output);
        var expected = Reference(x, weights, batch, n, rank, depth);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-4);
        }

        var recorder = new RecordingOptimizer();
        var inputGradient = new float[batch * n];
        layer.Backward(ToFloats(c), inputGradient, recorder);

        double Loss(double[] xs, double[][] ws) => Reference(xs, ws, batch, n, rank, depth).Select((y, i) => y * c[i]).Sum();

        AssertMatches(FiniteDifferences(x, v => Loss(v, weights)), [.. inputGradient.Select(g => (double)g)], "inputs");
        for (int v = 0; v < weights.Length; v++)
        {
            int index = v;
            AssertMatches(FiniteDifferences(weights[v], w => Loss(x, [.. weights.Select((old, k) => k == index ? w : old)])), recorder.GradientOf(layer.Variables[v]), layer.Variables[v].Name);
        }

        // Call computes what Forward does.
        var called = new float[batch * n];
        layer.Call(ToFloats(x), batch, called);
        Assert.Equal(output, called);
    }

    [Fact]
    public void WeightsAreGlorotKernelsAndZeroBiasesNamedPerLevel()
    {
        var full = new Cross(seed: 3);
        Assert.False(full.IsBuilt);
        full.Build(8);
        Assert.Equal(["kernel", "bias"], full.Variables.Select(v => v.Name));
        double limit = Math.Sqrt(6.0 / 16);
        Assert.All(full.Kernel()!.Values.ToArray(), w => Assert.InRange(Math.Abs(w), 0, limit));
        Assert.All(full.Variables[1].Values.ToArray(), b => Assert.Equal(0f, b));

        var lowRank = new Cross(projectionDim: 2, depth: 2, seed: 3);
        lowRank.Build(8);
        Assert.Equal(["u_kernel_0", "v_kernel_0", "bias_0", "u_kernel_1", "v_kernel_1", "bias_1"], lowRank.Variables.Select(v => v.Name));
        Assert.Null(lowRank.Kernel());
        Assert.Equal((8, 2), (lowRank.Variables[0].Rows, lowRank.Variables[0].Columns));
        Assert.Throws<ArgumentException>(() => lowRank.Build(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Cross(projectionDim: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Cross(depth: 0));
    }

    [Fact]
    public void ConfigRebuildsAnIdenticalLayer()
    {
        var layer = new Cross(projectionDim: 3, depth: 2, seed: 5);
        layer.Build(6);
        var saved = layer.Variables.ToDictionary(v => v.Name, v => v.Values.ToArray());
        var rebuilt = Assert.IsType<Cross>(layer.Config.Create(name => saved[name]));
        var x = ToFloats(Uniform(new Random(2), 12));
        var before = new float[12];
        var after = new float[12];
        layer.Call(x, 2, before);
        rebuilt.Call(x, 2, after);
        Assert.Equal(before, after);
        Assert.Equal("none", new Cross(seed: 1).Config.Arguments["projection_dim"]);
    }

    [Fact]
    public void SgdStepUsesTheKernelOfTheForwardPass()
    {
        // n = 1, full rank: y = x·(w·x + b) + x; with x = 2, w = 0.5, b = 1: y = 2·2 + 2 = 6.
        var layer = new Cross(seed: 1);
        layer.Build(1);
        layer.Variables[0].Values[0] = 0.5f;
        layer.Variables[1].Values[0] = 1f;
        var y = new float[1];
        layer.Forward([2f], 1, y);
        Assert.Equal(6f, y[0]);

        // ∂y/∂x = (w·x + b) + x·w + 1 = 2 + 1 + 1 = 4; ∂y/∂w = x² = 4; ∂y/∂b = x = 2.
        var dx = new float[1];
        layer.Backward([1f], dx, new Sgd(0.1f));
        Assert.Equal(4f, dx[0]);
        Assert.Equal(0.5f - 0.4f, layer.Variables[0].Values[0], 6);
        Assert.Equal(1f - 0.2f, layer.Variables[1].Values[0], 6);
    }

    /// <summary>The cross network in double: x_{l+1} = x₀ ⊙ (x_l·W_l + b_l) + x_l, W_l = U_l·V_l when low-rank.</summary>
    private static double[] Reference(double[] x0, double[][] weights, int batch, int n, int? rank, int depth)
    {
        var x = (double[])x0.Clone();
        int perLevel = rank is null ? 2 : 3;
        for (int l = 0; l < depth; l++)
        {
            var w = rank is null ? weights[l * perLevel] : Multiply(weights[l * perLevel], weights[(l * perLevel) + 1], n, rank.Value, n);
            var b = weights[(l * perLevel) + perLevel - 1];
            var next = new double[x.Length];
            for (int r = 0; r < batch; r++)
            {
                for (int j = 0; j < n; j++)
                {
                    double p = b[j];
                    for (int i = 0; i < n; i++)
                    {
                        p += x[(r * n) + i] * w[(i * n) + j];
                    }

                    next[(r * n) + j] = (x0[(r * n) + j] * p) + x[(r * n) + j];
                }
            }

            x = next;
        }

        return x;
    }

    private static double[] Multiply(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < n; j++)
                {
                    c[(i * n) + j] += a[(i * k) + p] * b[(p * n) + j];
                }
            }
        }

        return c;
    }
}
