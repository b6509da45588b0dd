using Reco.Layers;
using Reco.Losses;

namespace Reco.Tests.Losses;

public class DeduplicatedInBatchSoftmaxTests
{
    [Theory]
    [InlineData(1, 5, 5, 4, 1f)]
    [InlineData(50, 7, 9, 8, 1f)]
    [InlineData(300, 40, 60, 16, 1f)]
    [InlineData(300, 300, 300, 5, 0.5f)]
    [InlineData(97, 3, 200, 64, 1f)]
    public void MatchesTheDenseLossAndItsSummedGradients(int batch, int users, int items, int d, float temperature)
    {
        var random = new Random(batch + users);
        var queryTable = Enumerable.Range(0, users * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var candidateTable = Enumerable.Range(0, items * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var queryRows = Enumerable.Range(0, batch).Select(_ => random.Next(users)).ToArray();
        var candidateRows = Enumerable.Range(0, batch).Select(_ => random.Next(items)).ToArray();

        // Dense reference: gather the B×d embeddings, full B×B softmax, then sum gradients per table row.
        var u = new float[batch * d];
        var m = new float[batch * d];
        new Embedding(users, d, queryTable).Gather(queryRows, u);
        new Embedding(items, d, candidateTable).Gather(candidateRows, m);
        var du = new float[batch * d];
        var dm = new float[batch * d];
        double denseLoss = new InBatchSoftmax(d).Compute(u, m, batch, du, dm, temperature);
        var expectedQuery = SumPerRow(queryRows, du, users, d);
        var expectedCandidate = SumPerRow(candidateRows, dm, items, d);

        var loss = new DeduplicatedInBatchSoftmax(d);
        double actual = loss.Compute(queryRows, candidateRows, queryTable, candidateTable, temperature);

        Assert.Equal(denseLoss, actual, 1e-4 * Math.Max(1, Math.Abs(denseLoss)));
        AssertGradients(expectedQuery, loss.QueryRows, loss.QueryGradient, d);
        AssertGradients(expectedCandidate, loss.CandidateRows, loss.CandidateGradient, d);
        Assert.Equal(queryRows.Distinct(), loss.QueryRows.ToArray());
        Assert.Equal(candidateRows.Distinct(), loss.CandidateRows.ToArray());
    }

    [Fact]
    public void LossOnlyModeAndBufferReuseAcrossBatchSizes()
    {
        var random = new Random(2);
        int d = 8;
        var queryTable = Enumerable.Range(0, 20 * d).Select(_ => (float)random.NextDouble()).ToArray();
        var candidateTable = Enumerable.Range(0, 30 * d).Select(_ => (float)random.NextDouble()).ToArray();
        var loss = new DeduplicatedInBatchSoftmax(d, maxDegreeOfParallelism: 2);
        var dense = new InBatchSoftmax(d);
        foreach (int batch in new[] { 100, 7, 100 })
        {
            var q = Enumerable.Range(0, batch).Select(_ => random.Next(20)).ToArray();
            var c = Enumerable.Range(0, batch).Select(_ => random.Next(30)).ToArray();
            var u = new float[batch * d];
            var m = new float[batch * d];
            new Embedding(20, d, queryTable).Gather(q, u);
            new Embedding(30, d, candidateTable).Gather(c, m);
            double expected = dense.Compute(u, m, batch, null, null);
            Assert.Equal(expected, loss.Compute(q, c, queryTable, candidateTable, computeGradients: false), 1e-3);
            Assert.Equal(expected, loss.Compute(q, c, queryTable, candidateTable), 1e-3);
        }
    }

    [Fact]
    public void RejectsRowsOutsideTheTable()
    {
        var loss = new DeduplicatedInBatchSoftmax(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Compute([0, 5], [0, 1], new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => loss.Compute([0, 1], [0], new float[4], new float[4]));
    }

    private static Dictionary<int, float[]> SumPerRow(int[] rows, float[] gradients, int tableRows, int d)
    {
        var sums = new Dictionary<int, float[]>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (!sums.TryGetValue(rows[i], out var sum))
            {
                sums[rows[i]] = sum = new float[d];
            }

            for (int k = 0; k < d; k++)
            {
                sum[k] += gradients[(i * d) + k];
            }
        }

        return sums;
    }

    private static void AssertGradients(Dictionary<int, float[]> expected, ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients, int d)
    {
        Assert.Equal(expected.Count, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            var want = expected[rows[r]];
            for (int k = 0; k < d; k++)
            {
                float got = gradients[(r * d) + k];
                Assert.True(Math.Abs(want[k] - got) <= 1e-4 + (1e-3 * Math.Abs(want[k])), $"row {rows[r]} dim {k}: dense {want[k]}, deduplicated {got}");
            }
        }
    }
}
