using Reco.Losses;

namespace Reco.Tests.Losses;

public class InBatchSoftmaxTests
{
    // Independent double-precision reference: materialise the logits, softmax each row, sum -log p_ii.
    private static double ReferenceLoss(float[] u, float[] m, int b, int d, double temperature, int[]? ids)
    {
        double total = 0;
        for (int i = 0; i < b; i++)
        {
            var logits = new double[b];
            for (int j = 0; j < b; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++)
                {
                    s += (double)u[(i * d) + k] * m[(j * d) + k];
                }

                logits[j] = (ids is not null && j != i && ids[j] == ids[i]) ? double.NegativeInfinity : s / temperature;
            }

            double max = logits.Max();
            double lse = max + Math.Log(logits.Sum(x => Math.Exp(x - max)));
            total += lse - logits[i];
        }

        return total;
    }

    private static float[] RandomArray(Random random, int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale))];

    [Theory]
    [InlineData(1, 3, 1f, false)]
    [InlineData(5, 4, 1f, false)]
    [InlineData(37, 8, 1f, false)]
    [InlineData(70, 5, 0.5f, false)]
    [InlineData(130, 16, 1f, true)]
    public void LossMatchesMaterialisedReference(int b, int d, float temperature, bool accidentalHits)
    {
        var random = new Random(b * 31 + d);
        var u = RandomArray(random, b * d, 1.0);
        var m = RandomArray(random, b * d, 1.0);
        int[]? ids = accidentalHits ? [.. Enumerable.Range(0, b).Select(_ => random.Next(10))] : null;
        var loss = new InBatchSoftmax(d, maxDegreeOfParallelism: 2);
        var du = new float[b * d];
        var dm = new float[b * d];

        double actual = loss.Compute(u, m, b, du, dm, temperature, ids);

        Assert.Equal(ReferenceLoss(u, m, b, d, temperature, ids), actual, 1e-3 * Math.Max(1, Math.Abs(actual)));
    }

    [Theory]
    [InlineData(6, 3, 1f, false)]
    [InlineData(67, 5, 1f, false)]
    [InlineData(20, 4, 0.7f, true)]
    public void GradientsMatchFiniteDifferences(int b, int d, float temperature, bool accidentalHits)
    {
        var random = new Random(7 + b);
        var u = RandomArray(random, b * d, 0.8);
        var m = RandomArray(random, b * d, 0.8);
        int[]? ids = accidentalHits ? [.. Enumerable.Range(0, b).Select(_ => random.Next(4))] : null;
        var du = new float[b * d];
        var dm = new float[b * d];
        new InBatchSoftmax(d, maxDegreeOfParallelism: 2).Compute(u, m, b, du, dm, temperature, ids);

        const double h = 1e-3;
        foreach (var (weights, gradient) in new[] { (u, du), (m, dm) })
        {
            for (int probe = 0; probe < 25; probe++)
            {
                int index = random.Next(weights.Length);
                float original = weights[index];
                weights[index] = (float)(original + h);
                double up = ReferenceLoss(u, m, b, d, temperature, ids);
                weights[index] = (float)(original - h);
                double down = ReferenceLoss(u, m, b, d, temperature, ids);
                weights[index] = original;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[index]) < 2e-3 + (1e-2 * Math.Abs(numeric)), $"index {index}: analytic {gradient[index]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void SingleWorkerAndParallelAgree()
    {
        var random = new Random(3);
        int b = 300, d = 12;
        var u = RandomArray(random, b * d, 1);
        var m = RandomArray(random, b * d, 1);
        var du1 = new float[b * d];
        var dm1 = new float[b * d];
        var du2 = new float[b * d];
        var dm2 = new float[b * d];
        double l1 = new InBatchSoftmax(d, 1).Compute(u, m, b, du1, dm1);
        double l2 = new InBatchSoftmax(d, 3).Compute(u, m, b, du2, dm2);
        Assert.Equal(l1, l2, 1e-3);
        for (int i = 0; i < du1.Length; i++)
        {
            Assert.Equal(du1[i], du2[i], 1e-5f);
            Assert.Equal(dm1[i], dm2[i], 1e-5f);
        }
    }

    [Fact]
    public void LossOnlyModeGivesTheSameLossAndReusedBuffersStayCorrect()
    {
        var random = new Random(5);
        int d = 8;
        var loss = new InBatchSoftmax(d, 2);
        foreach (int b in new[] { 200, 33, 200 })
        {
            var u = RandomArray(random, b * d, 1);
            var m = RandomArray(random, b * d, 1);
            double reference = ReferenceLoss(u, m, b, d, 1, null);
            Assert.Equal(reference, loss.Compute(u, m, b, null, null), 1e-2);
            Assert.Equal(reference, loss.Compute(u, m, b, new float[b * d], new float[b * d]), 1e-2);
        }
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var loss = new InBatchSoftmax(4);
        Assert.Throws<ArgumentException>(() => loss.Compute(new float[4], new float[8], 2, new float[8], new float[8]));
        Assert.Throws<ArgumentException>(() => loss.Compute(new float[8], new float[8], 2, new float[8], null));
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Compute(new float[8], new float[8], 2, null, null, temperature: 0));
    }
}
