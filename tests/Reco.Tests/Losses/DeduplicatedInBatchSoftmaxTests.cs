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
    [InlineData(3000, 500, 700, 64, 1f)]
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
        var (querySlots, distinctQueries, qe) = Distinct(queryRows, queryTable, d);
        var (candidateSlots, distinctCandidates, ce) = Distinct(candidateRows, candidateTable, d);
        double actual = loss.Compute(querySlots, candidateSlots, qe, distinctQueries.Length, ce, distinctCandidates.Length, temperature);

        Assert.Equal(denseLoss, actual, 1e-4 * Math.Max(1, Math.Abs(denseLoss)));
        AssertGradients(expectedQuery, distinctQueries, loss.QueryGradient, d);
        AssertGradients(expectedCandidate, distinctCandidates, loss.CandidateGradient, d);
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
            var (qs, qd, qe) = Distinct(q, queryTable, d);
            var (cs, cd, ce) = Distinct(c, candidateTable, d);
            Assert.Equal(expected, loss.Compute(qs, cs, qe, qd.Length, ce, cd.Length, computeGradients: false), 1e-3);
            Assert.Equal(expected, loss.Compute(qs, cs, qe, qd.Length, ce, cd.Length), 1e-3);
        }
    }

    [Fact]
    public void GivesTheSameBitsOnAnyNumberOfWorkers()
    {
        // Large enough that both the logits' row blocks and the candidate gradient's row blocks are shared out.
        var random = new Random(12);
        int d = 64, batch = 4000, users = 700, items = 900;
        var queryRows = Enumerable.Range(0, batch).Select(_ => random.Next(users)).ToArray();
        var candidateRows = Enumerable.Range(0, batch).Select(_ => random.Next(items)).ToArray();
        var queryTable = Enumerable.Range(0, users * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var candidateTable = Enumerable.Range(0, items * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var (qs, qd, qe) = Distinct(queryRows, queryTable, d);
        var (cs, cd, ce) = Distinct(candidateRows, candidateTable, d);
        var corrections = Enumerable.Range(0, cd.Length).Select(_ => (float)random.NextDouble()).ToArray();

        (double Loss, float[] Query, float[] Candidate) Run(int workers)
        {
            var loss = new DeduplicatedInBatchSoftmax(d, workers);
            double value = loss.Compute(qs, cs, qe, qd.Length, ce, cd.Length, temperature: 0.2f, logitCorrections: corrections);
            return (value, loss.QueryGradient.ToArray(), loss.CandidateGradient.ToArray());
        }

        var one = Run(1);
        Assert.Contains(one.Candidate, g => g != 0f);
        foreach (int workers in new[] { 2, 3, 16 })
        {
            for (int round = 0; round < 3; round++)
            {
                var many = Run(workers);
                Assert.Equal(one.Loss, many.Loss);
                Assert.Equal(one.Query, many.Query);
                Assert.Equal(one.Candidate, many.Candidate);
            }
        }
    }

    [Fact]
    public void RejectsSlotsOutsideTheDistinctEmbeddings()
    {
        var loss = new DeduplicatedInBatchSoftmax(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Compute([0, 5], [0, 1], new float[4], 2, new float[4], 2));
        Assert.Throws<ArgumentException>(() => loss.Compute([0, 1], [0], new float[4], 2, new float[4], 2));
        Assert.Throws<ArgumentException>(() => loss.Compute([0, 1], [0, 1], new float[2], 2, new float[4], 2));
    }

    /// <summary>Each row's slot among the distinct rows (first appearance order), those rows, and their embeddings.</summary>
    private static (int[] Slots, int[] Rows, float[] Embeddings) Distinct(int[] rows, float[] table, int d)
    {
        var distinct = rows.Distinct().ToArray();
        var slotOf = distinct.Select((row, slot) => (row, slot)).ToDictionary(p => p.row, p => p.slot);
        var embeddings = new float[distinct.Length * d];
        for (int s = 0; s < distinct.Length; s++)
        {
            Array.Copy(table, distinct[s] * d, embeddings, s * d, d);
        }

        return ([.. rows.Select(r => slotOf[r])], distinct, embeddings);
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
