using Reco.Layers;
using Reco.Optimizers;

namespace Reco.Tests.Optimizers;

public class AdamAndMomentumTests
{
    [Fact]
    public void AdamFollowsKerassUpdateStepByStep()
    {
        var variable = new Variable("kernel", 1, 2, [1f, -1f]);
        var adam = new Adam(learningRate: 0.1f);
        double[] w = [1, -1], m = [0, 0], v = [0, 0];
        double[][] gradients = [[0.5, -0.2], [0.1, 0.3], [-0.4, 0.0]];
        for (int t = 1; t <= gradients.Length; t++)
        {
            adam.ApplyDense(variable, [.. gradients[t - 1].Select(g => (float)g)]);
            double rate = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (int i = 0; i < 2; i++)
            {
                double g = gradients[t - 1][i];
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                w[i] -= rate * m[i] / (Math.Sqrt(v[i]) + 1e-7);
                Assert.Equal(w[i], variable.Values[i], 5);
            }
        }
    }

    [Fact]
    public void SparseAdamDecaysEveryMomentAsKerasAndLazyAdamOnlyTheLookedUpRows()
    {
        var keras = new Embedding(3, 1, [1f, 2f, 3f]);
        var lazy = new Embedding(3, 1, [1f, 2f, 3f]);
        var dense = new Variable("reference", 3, 1, [1f, 2f, 3f]);
        var kerasAdam = new Adam(0.1f);
        var lazyAdam = new Adam(0.1f, lazy: true);
        var denseAdam = new Adam(0.1f);

        // Step 1 touches row 0; step 2 touches row 1. Keras moves row 0 again at step 2 (its moment decays but is not 0).
        kerasAdam.ApplySparse(keras.Variable, [0], [0.5f]);
        lazyAdam.ApplySparse(lazy.Variable, [0], [0.5f]);
        denseAdam.ApplyDense(dense, [0.5f, 0f, 0f]);
        float afterFirst = lazy[0][0];
        kerasAdam.ApplySparse(keras.Variable, [1], [-0.5f]);
        lazyAdam.ApplySparse(lazy.Variable, [1], [-0.5f]);
        denseAdam.ApplyDense(dense, [0f, -0.5f, 0f]);

        // Keras's sparse update equals the dense update with zero gradients elsewhere.
        Assert.Equal(dense.Values.ToArray(), keras.Variable.Values.ToArray());
        Assert.NotEqual(afterFirst, keras[0][0]);
        Assert.Equal(afterFirst, lazy[0][0]);
        Assert.Equal(3f, lazy[2][0]);
        Assert.Equal(3f, keras[2][0]);
    }

    [Fact]
    public void SgdMomentumAndNesterovFollowKeras()
    {
        var plain = new Variable("a", 1, 1, [1f]);
        var nesterov = new Variable("b", 1, 1, [1f]);
        var momentum = new Sgd(0.1f, momentum: 0.9f);
        var nag = new Sgd(0.1f, momentum: 0.9f, nesterov: true);
        double w1 = 1, w2 = 1, v1 = 0, v2 = 0;
        foreach (double g in new[] { 1.0, -0.5, 2.0 })
        {
            momentum.ApplyDense(plain, [(float)g]);
            nag.ApplyDense(nesterov, [(float)g]);
            v1 = (0.9 * v1) - (0.1 * g);
            w1 += v1;
            v2 = (0.9 * v2) - (0.1 * g);
            w2 += (0.9 * v2) - (0.1 * g);
            Assert.Equal(w1, plain.Values[0], 5);
            Assert.Equal(w2, nesterov.Values[0], 5);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, momentum: 1f));
        Assert.Equal("sgd:0.1", momentum.ToString());
    }

    [Fact]
    public void ClippingByNormScalesTheWholeUpdateAndByValueClampsEachValue()
    {
        var byNorm = new Embedding(3, 2, new float[6]);
        new Sgd(1f) { ClipNorm = 1f }.ApplySparse(byNorm.Variable, [0, 2], [3f, 0f, 0f, 4f]);

        // ‖(3, 0, 0, 4)‖ = 5, scaled to 1: (0.6, 0, 0, 0.8).
        Assert.Equal([-0.6f, 0f, 0f, 0f, 0f, -0.8f], byNorm.Variable.Values.ToArray());

        var byValue = new Variable("w", 1, 3, new float[3]);
        new Sgd(1f) { ClipValue = 0.5f }.ApplyDense(byValue, [2f, -0.25f, -3f]);
        Assert.Equal([-0.5f, 0.25f, 0.5f], byValue.Values.ToArray());

        var untouched = new Variable("w", 1, 2, new float[2]);
        new Sgd(1f) { ClipNorm = 10f }.ApplyDense(untouched, [3f, 4f]);
        Assert.Equal([-3f, -4f], untouched.Values.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd() { ClipNorm = 0f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam() { ClipValue = float.NaN });
    }

    [Fact]
    public void SettingsCreateAdamMomentumAndClipping()
    {
        var adam = Assert.IsType<Adam>(OptimizerSettings.Parse("adam:0.01").Create());
        Assert.Equal(0.01f, adam.LearningRate);
        Assert.Equal(0.001f, OptimizerSettings.Parse("adam").LearningRate);
        var sgd = Assert.IsType<Sgd>((new OptimizerSettings(OptimizerKind.Sgd, 0.1f) { Momentum = 0.9f, ClipNorm = 2f }).Create());
        Assert.Equal((0.9f, 2f), (sgd.Momentum, sgd.ClipNorm!.Value));
        Assert.Contains("adam", OptimizerSettings.Names);
    }
}
