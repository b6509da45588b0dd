using Reco.Losses;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Losses;

/// <summary>Candidate weights, logit corrections (logQ) and hard negatives against a double-precision reference and finite differences.</summary>
public class SoftmaxVariantsTests
{
    [Fact]
    public void WeightsAndCorrectionsMatchTheDefinitionAndFiniteDifferences()
    {
        var random = new Random(21);
        int d = 3, nq = 3, nc = 4;
        int[] querySlots = [0, 1, 1, 2, 0];
        int[] candidateSlots = [1, 0, 3, 3, 2];
        var u = Uniform(random, nq * d);
        var m = Uniform(random, nc * d);
        double[] weights = [1, 2, 0.5, 3];
        double[] corrections = [-1.2, -0.3, -2.0, -0.7];
        const float temperature = 0.5f;

        // Loss = Σ_pairs log Σ_c w_c exp(s_ac/τ − b_c) − (s_a(i)c(i)/τ − b_c(i)).
        double Loss(double[] q, double[] c)
        {
            double total = 0;
            for (int i = 0; i < querySlots.Length; i++)
            {
                int a = querySlots[i];
                double z = 0;
                for (int k = 0; k < nc; k++)
                {
                    z += weights[k] * Math.Exp((Dot(q, a, c, k, d) / temperature) - corrections[k]);
                }

                total += Math.Log(z) - ((Dot(q, a, c, candidateSlots[i], d) / temperature) - corrections[candidateSlots[i]]);
            }

            return total;
        }

        var loss = new DeduplicatedInBatchSoftmax(d, maxDegreeOfParallelism: 1);
        double value = loss.Compute(querySlots, candidateSlots, ToFloats(u), nq, ToFloats(m), nc, temperature, true, ToFloats(weights), ToFloats(corrections));
        Assert.Equal(Loss(u, m), value, 4);
        AssertClose(FiniteDifferences(u, q => Loss(q, m)), [.. loss.QueryGradient.ToArray().Select(x => (double)x)], "queries");
        AssertClose(FiniteDifferences(m, c => Loss(u, c)), [.. loss.CandidateGradient.ToArray().Select(x => (double)x)], "candidates");
    }

    [Fact]
    public void HardNegativesKeepThePositiveAndTheHighestOtherLogitsOfEachRow()
    {
        var random = new Random(8);
        int b = 6, d = 4, k = 2;
        var u = Uniform(random, b * d);
        var m = Uniform(random, b * d);
        double[] corrections = [.. Enumerable.Range(0, b).Select(i => -0.1 * i)];

        // Row i keeps column i and the k other columns with the highest corrected logits (fixed at the given weights).
        var kept = new List<int>[b];
        for (int i = 0; i < b; i++)
        {
            kept[i] = [i, .. Enumerable.Range(0, b).Where(j => j != i).OrderByDescending(j => Dot(u, i, m, j, d) - corrections[j]).ThenBy(j => j).Take(k)];
        }

        double Loss(double[] q, double[] c)
        {
            double total = 0;
            for (int i = 0; i < b; i++)
            {
                double z = kept[i].Sum(j => Math.Exp(Dot(q, i, c, j, d) - corrections[j]));
                total += Math.Log(z) - (Dot(q, i, c, i, d) - corrections[i]);
            }

            return total;
        }

        var du = new float[b * d];
        var dm = new float[b * d];
        double value = new InBatchSoftmax(d, 1).Compute(ToFloats(u), ToFloats(m), b, du, dm, 1f, null, ToFloats(corrections), hardNegatives: k);
        Assert.Equal(Loss(u, m), value, 4);
        AssertClose(FiniteDifferences(u, q => Loss(q, m)), [.. du.Select(x => (double)x)], "queries");
        AssertClose(FiniteDifferences(m, c => Loss(u, c)), [.. dm.Select(x => (double)x)], "candidates");

        // Keeping every negative is the plain softmax.
        double all = new InBatchSoftmax(d, 1).Compute(ToFloats(u), ToFloats(m), b, null, null, 1f, null, null, hardNegatives: b - 1);
        double plain = new InBatchSoftmax(d, 1).Compute(ToFloats(u), ToFloats(m), b, null, null);
        Assert.Equal(plain, all, 5);
    }

    private static double Dot(double[] q, int a, double[] c, int k, int d) => Enumerable.Range(0, d).Sum(x => q[(a * d) + x] * c[(k * d) + x]);

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"{what}[{i}]: finite differences {expected[i]}, backward {actual[i]}");
        }
    }
}
