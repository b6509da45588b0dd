using Reco.Layers;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Layers;

public class GruTests
{
    public static TheoryData<int, int, int, int[]> Shapes => new()
    {
        { 1, 1, 1, [1] },
        { 2, 3, 4, [2, 1] },
        { 3, 5, 3, [4, 1, 0] },
        { 4, 4, 6, [3, 3, 2, 1] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsMatchCentralFiniteDifferencesInDouble(int batch, int inputDim, int units, int[] lengths)
    {
        var random = new Random((batch * 100) + (inputDim * 10) + units);
        int steps = lengths.Max();
        var gru = new Gru(inputDim, units, seed: 1);
        var weights = gru.Variables.Select(v => Uniform(random, v.Values.Length)).ToArray();
        for (int v = 0; v < weights.Length; v++)
        {
            ToFloats(weights[v]).CopyTo(gru.Variables[v].Values);
        }

        var x = Uniform(random, batch * Math.Max(steps, 1) * inputDim);
        var c = Uniform(random, batch * units);
        var output = new float[batch * units];
        gru.Forward(ToFloats(x), lengths, batch, Math.Max(steps, 1), output);
        var expected = Reference(x, weights, lengths, batch, Math.Max(steps, 1), inputDim, units);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-5);
        }

        var recorder = new RecordingOptimizer();
        var inputGradient = new float[x.Length];
        gru.Backward(ToFloats(c), inputGradient, recorder);

        double Loss(double[] xs, double[][] ws) => Reference(xs, ws, lengths, batch, Math.Max(steps, 1), inputDim, units).Select((y, i) => y * c[i]).Sum();

        AssertMatches(FiniteDifferences(x, v => Loss(v, weights)), [.. inputGradient.Select(g => (double)g)], "inputs");
        for (int v = 0; v < weights.Length; v++)
        {
            int index = v;
            AssertMatches(FiniteDifferences(weights[v], w => Loss(x, [.. weights.Select((old, k) => k == index ? w : old)])), recorder.GradientOf(gru.Variables[v]), gru.Variables[v].Name);
        }

        var called = new float[batch * units];
        gru.Call(ToFloats(x), lengths, batch, Math.Max(steps, 1), called);
        Assert.Equal(output, called);
    }

    [Fact]
    public void InitialisationIsGlorotKernelOrthogonalRecurrentKernelZeroBias()
    {
        var gru = new Gru(4, 3, seed: 2);
        Assert.Equal((4, 9), (gru.Kernel.Rows, gru.Kernel.Columns));
        Assert.Equal((3, 9), (gru.RecurrentKernel.Rows, gru.RecurrentKernel.Columns));
        Assert.Equal((2, 9), (gru.Bias.Rows, gru.Bias.Columns));
        Assert.All(gru.Bias.Values.ToArray(), b => Assert.Equal(0f, b));

        // The recurrent kernel's rows are orthonormal.
        var u = gru.RecurrentKernel.Values.ToArray();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double dot = Enumerable.Range(0, 9).Sum(k => (double)u[(i * 9) + k] * u[(j * 9) + k]);
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 5);
            }
        }
    }

    /// <summary>Keras's GRU (reset after) in double; a sequence's state stops changing after its length.</summary>
    private static double[] Reference(double[] x, double[][] weights, int[] lengths, int batch, int steps, int n, int u)
    {
        double[] kernel = weights[0], recurrent = weights[1], bias = weights[2];
        int g = 3 * u;
        var output = new double[batch * u];
        for (int i = 0; i < batch; i++)
        {
            var h = new double[u];
            for (int t = 0; t < lengths[i]; t++)
            {
                var gx = new double[g];
                var gh = new double[g];
                for (int j = 0; j < g; j++)
                {
                    gx[j] = bias[j];
                    gh[j] = bias[g + j];
                    for (int k = 0; k < n; k++)
                    {
                        gx[j] += x[(((i * steps) + t) * n) + k] * kernel[(k * g) + j];
                    }

                    for (int k = 0; k < u; k++)
                    {
                        gh[j] += h[k] * recurrent[(k * g) + j];
                    }
                }

                var next = new double[u];
                for (int k = 0; k < u; k++)
                {
                    double z = Sigmoid(gx[k] + gh[k]);
                    double r = Sigmoid(gx[u + k] + gh[u + k]);
                    double c = Math.Tanh(gx[(2 * u) + k] + (r * gh[(2 * u) + k]));
                    next[k] = (z * h[k]) + ((1 - z) * c);
                }

                h = next;
            }

            h.CopyTo(output, i * u);
        }

        return output;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
