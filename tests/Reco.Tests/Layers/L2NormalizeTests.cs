using Reco.Layers;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Layers;

public class L2NormalizeTests
{
    [Fact]
    public void RowsBecomeUnitLengthAndTheGradientMatchesFiniteDifferences()
    {
        var random = new Random(3);
        int batch = 4, n = 5;
        var layer = new L2Normalize();
        layer.Build(n);
        var x = Uniform(random, batch * n);
        var c = Uniform(random, batch * n);
        var y = new float[batch * n];
        layer.Forward(ToFloats(x), batch, y);
        for (int r = 0; r < batch; r++)
        {
            Assert.Equal(1.0, Math.Sqrt(y.Skip(r * n).Take(n).Sum(v => (double)v * v)), 5);
        }

        var dx = new float[batch * n];
        layer.Backward(ToFloats(c), dx, new RecordingOptimizer());

        double Loss(double[] xs)
        {
            double total = 0;
            for (int r = 0; r < batch; r++)
            {
                double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => xs[(r * n) + i] * xs[(r * n) + i]));
                total += Enumerable.Range(0, n).Sum(i => c[(r * n) + i] * xs[(r * n) + i] / norm);
            }

            return total;
        }

        AssertMatches(FiniteDifferences(x, Loss), [.. dx.Select(g => (double)g)], "inputs");
        Assert.Empty(layer.Variables);
        var rebuilt = Assert.IsType<L2Normalize>(layer.Config.Create(_ => []));
        Assert.Equal(n, rebuilt.InputDim);
    }

    [Fact]
    public void AZeroRowStaysZero()
    {
        var layer = new L2Normalize();
        layer.Build(2);
        var y = new float[2];
        layer.Call([0f, 0f], 1, y);
        Assert.Equal([0f, 0f], y);
    }
}
