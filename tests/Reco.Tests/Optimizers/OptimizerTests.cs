using Reco.Layers;
using Reco.Optimizers;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Optimizers;

public class OptimizerTests
{
    [Fact]
    public void AdagradFollowsTheKerasUpdateRuleOnTouchedRowsOnly()
    {
        var table = new Embedding(3, 2, [1f, 2f, 3f, 4f, 5f, 6f]);
        var adagrad = new Adagrad(learningRate: 0.5f);

        // Step 1 on row 1 with g = (0.3, -0.4): acc = 0.1 + g²; w -= 0.5·g/(√acc + 1e-7).
        adagrad.ApplySparse(table.Variable, [1], [0.3f, -0.4f]);
        double acc0 = 0.1 + (0.3 * 0.3), acc1 = 0.1 + (0.4 * 0.4);
        double w0 = 3 - (0.5 * 0.3 / (Math.Sqrt(acc0) + 1e-7));
        double w1 = 4 + (0.5 * 0.4 / (Math.Sqrt(acc1) + 1e-7));
        Assert.Equal(w0, table[1][0], 5);
        Assert.Equal(w1, table[1][1], 5);

        // Step 2 keeps accumulating.
        adagrad.ApplySparse(table.Variable, [1], [0.1f, 0.1f]);
        acc0 += 0.01;
        acc1 += 0.01;
        Assert.Equal(w0 - (0.5 * 0.1 / Math.Sqrt(acc0)), table[1][0], 5);
        Assert.Equal(w1 - (0.5 * 0.1 / Math.Sqrt(acc1)), table[1][1], 5);

        Assert.Equal([1f, 2f], table[0].ToArray());
        Assert.Equal([5f, 6f], table[2].ToArray());
    }

    [Fact]
    public void SgdStepsAgainstTheGradient()
    {
        var table = new Embedding(2, 2, [1f, 1f, 1f, 1f]);
        new Sgd(0.1f).ApplySparse(table.Variable, [0], [2f, -1f]);
        Assert.Equal([0.8f, 1.1f], table[0].ToArray());
        Assert.Equal([1f, 1f], table[1].ToArray());
    }

    [Fact]
    public void DenseStepsUpdateEveryValue()
    {
        var variable = new Variable("kernel", 2, 2, [1f, 1f, 1f, 1f]);
        new Sgd(0.5f).ApplyDense(variable, [2f, -2f, 0f, 4f]);
        Assert.Equal([0f, 2f, 1f, -1f], variable.Values.ToArray());
        Assert.Throws<ArgumentException>(() => new Sgd().ApplyDense(variable, [1f]));
    }

    [Theory]
    [InlineData("adagrad:0.1", typeof(Adagrad), 0.1f)]
    [InlineData("ADAGRAD", typeof(Adagrad), 0.001f)]
    [InlineData("sgd:2", typeof(Sgd), 2f)]
    public void ParsesSpecifications(string spec, Type type, float rate)
    {
        var settings = OptimizerSettings.Parse(spec);
        var optimizer = settings.Create();
        Assert.Equal(spec.ToLowerInvariant().Contains(':') ? spec : $"{spec.ToLowerInvariant()}:0.001", settings.ToString());
        Assert.IsType(type, optimizer);
        Assert.Equal(rate, optimizer.LearningRate);
    }

    [Theory]
    [InlineData("rmsprop:0.1")]
    [InlineData("adagrad:x")]
    [InlineData("adagrad:-1")]
    [InlineData("adagrad:1e39")]
    [InlineData("sgd:NaN")]
    public void RejectsBadSpecifications(string spec)
    {
        var error = Assert.Throws<FormatException>(() => OptimizerSettings.Parse(spec));
        Assert.Contains(spec.Split(':').Last(), error.Message);
    }
}
