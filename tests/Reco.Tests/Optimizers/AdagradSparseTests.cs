using Reco.Layers;
using Reco.Optimizers;

namespace Reco.Tests.Optimizers;

/// <summary>Adagrad's row-by-row sparse step against its dense step and a double-precision reference.</summary>
public class AdagradSparseTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(37)]
    [InlineData(3)]
    public void SparseRowsGiveTheDenseStepsValuesBitForBit(int columns)
    {
        const int Rows = 50;
        var random = new Random(columns);
        var initial = RandomValues(random, Rows * columns, 0.05f);
        var sparse = new Variable("sparse", Rows, columns, [.. initial]);
        var dense = new Variable("dense", Rows, columns, [.. initial]);
        var sparseAdagrad = new Adagrad(learningRate: 0.1f);
        var denseAdagrad = new Adagrad(learningRate: 0.1f);
        for (int step = 0; step < 5; step++)
        {
            // Distinct rows in a scattered order, as an embedding's aggregated gradient lists them.
            int[] rows = [.. Enumerable.Range(0, Rows).Where(_ => random.NextDouble() < 0.4).OrderBy(_ => random.Next())];
            var gradients = RandomValues(random, rows.Length * columns, 1f);
            var full = new float[Rows * columns];
            for (int i = 0; i < rows.Length; i++)
            {
                gradients.AsSpan(i * columns, columns).CopyTo(full.AsSpan(rows[i] * columns, columns));
            }

            sparseAdagrad.ApplySparse(sparse, rows, gradients);
            denseAdagrad.ApplyDense(dense, full);
        }

        Assert.Equal(dense.Values.ToArray(), sparse.Values.ToArray());
    }

    [Fact]
    public void SparseStepsFollowTheUpdateRuleInDoublePrecision()
    {
        const int Columns = 21;
        var random = new Random(5);
        var initial = RandomValues(random, 4 * Columns, 0.05f);
        var variable = new Variable("table", 4, Columns, [.. initial]);
        var adagrad = new Adagrad(learningRate: 0.3f, initialAccumulatorValue: 0.2f);
        var weights = initial.Select(v => (double)v).ToArray();
        var accumulators = Enumerable.Repeat(0.2, weights.Length).ToArray();
        for (int step = 0; step < 3; step++)
        {
            int[] rows = [3, 0];
            var gradients = RandomValues(random, rows.Length * Columns, 1f);
            adagrad.ApplySparse(variable, rows, gradients);
            for (int i = 0; i < rows.Length; i++)
            {
                for (int k = 0; k < Columns; k++)
                {
                    int at = (rows[i] * Columns) + k;
                    double g = gradients[(i * Columns) + k];
                    accumulators[at] += g * g;
                    weights[at] -= 0.3 * g / (Math.Sqrt(accumulators[at]) + 1e-7);
                }
            }
        }

        var actual = variable.Values.ToArray();
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.Equal(weights[i], actual[i], 1e-5);
        }
    }

    private static float[] RandomValues(Random random, int count, float scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale)];
}
