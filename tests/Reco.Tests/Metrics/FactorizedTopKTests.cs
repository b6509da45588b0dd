using Reco.Layers;
using Reco.Metrics;

namespace Reco.Tests.Metrics;

public class FactorizedTopKTests
{
    [Fact]
    public void HandWorkedExample()
    {
        // Query q = (1, 0). Candidates a..d score 3, 1, 2, 2 (c and d tie).
        var users = TestData.Tower(["q"], [0, 0, 1, 0], 2);
        var items = TestData.Tower(["a", "b", "c", "d"], [0, 0, 3, 0, 1, 0, 2, 0, 2, 0], 2);
        var metric = new FactorizedTopK<string>(["a", "b", "c", "d"], items, ks: [1, 2, 3]);

        // Positive a: rank 0 → hits at 1, 2, 3. Positive c: one greater (a) → hits at 2, 3 (d's tie counts for c).
        // Positive b: three greater → no hit.
        Update(metric, users, ["q", "q", "q"], items, ["a", "c", "b"]);

        var result = metric.Result();
        Assert.Equal(1.0 / 3, result["factorized_top_k@1"], 9);
        Assert.Equal(2.0 / 3, result["factorized_top_k@2"], 9);
        Assert.Equal(2.0 / 3, result["factorized_top_k@3"], 9);
        Assert.Equal(3, metric.Count);
    }

    [Theory]
    [InlineData(6, 30, 50, 400)] // one part
    [InlineData(8, 300, 700, 3000)] // large enough to be scored and ranked in parallel parts
    public void MatchesNaiveRankingOverTheCatalogueWithDuplicates(int d, int nUsers, int nItems, int pairs)
    {
        var random = new Random(11);
        var userNames = Enumerable.Range(0, nUsers).Select(i => $"u{i}").ToArray();
        var itemNames = Enumerable.Range(0, nItems).Select(i => $"i{i}").ToArray();
        var users = TestData.Tower(userNames, [.. Enumerable.Range(0, (nUsers + 1) * d).Select(_ => (float)random.NextDouble() - 0.5f)], d);
        var items = TestData.Tower(itemNames, [.. Enumerable.Range(0, (nItems + 1) * d).Select(_ => (float)random.NextDouble() - 0.5f)], d);

        // The catalogue repeats some items, as MovieLens repeats some titles.
        var catalogue = itemNames.Concat(itemNames.Take(7)).ToArray();
        var metric = new FactorizedTopK<string>(catalogue, items, ks: [1, 5, 10]);
        var queryNames = Enumerable.Range(0, pairs).Select(_ => userNames[random.Next(nUsers)]).ToArray();
        var positiveNames = Enumerable.Range(0, pairs).Select(_ => itemNames[random.Next(nItems)]).ToArray();
        Update(metric, users, queryNames, items, positiveNames);
        var queries = queryNames.Select(users.Lookup.Lookup).ToArray();
        var positives = positiveNames.Select(items.Lookup.Lookup).ToArray();

        var hits = new double[3];
        int[] ks = [1, 5, 10];
        var catalogueRows = catalogue.Select(items.Lookup.Lookup).ToArray();
        for (int i = 0; i < queries.Length; i++)
        {
            var q = users.Embedding[queries[i]].ToArray();
            double Score(int row)
            {
                var item = items.Embedding[row];
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    sum += (double)q[k] * item[k];
                }

                return sum;
            }

            double positive = Score(positives[i]);
            int greater = catalogueRows.Count(row => Score(row) > positive + 1e-9);
            for (int k = 0; k < ks.Length; k++)
            {
                hits[k] += greater < ks[k] ? 1 : 0;
            }
        }

        var result = metric.Result();
        Assert.Equal(hits[0] / pairs, result["factorized_top_k@1"], 9);
        Assert.Equal(hits[1] / pairs, result["factorized_top_k@5"], 9);
        Assert.Equal(hits[2] / pairs, result["factorized_top_k@10"], 9);
    }

    [Fact]
    public void ResetForgetsEverything()
    {
        var users = TestData.Tower(["q"], [0, 0, 1, 0], 2);
        var items = TestData.Tower(["a", "b"], [0, 0, 3, 0, 1, 0], 2);
        var metric = new FactorizedTopK<string>(["a", "b"], items, ks: [1]);
        Update(metric, users, ["q"], items, ["a"]);
        metric.Reset();
        Assert.Equal(0, metric.Count);
        Assert.Equal(0, metric.Result()["factorized_top_k@1"]);
    }

    [Fact]
    public void APositiveOutsideTheCatalogueIsRankedByItsOwnScore()
    {
        // q = (1, 0); the catalogue holds a (3) and b (1); the positive z (2) is not in it: one score beats it.
        var users = TestData.Tower(["q"], [0, 0, 1, 0], 2);
        var items = TestData.Tower(["a", "b", "z"], [0, 0, 3, 0, 1, 0, 2, 0], 2);
        var metric = new FactorizedTopK<string>(["a", "b"], items, ks: [1, 2]);
        Update(metric, users, ["q"], items, ["z"]);
        Assert.Equal(0, metric.Result()["factorized_top_k@1"]);
        Assert.Equal(1, metric.Result()["factorized_top_k@2"]);
    }

    [Fact]
    public void RejectsEmptyCatalogueAndBadK()
    {
        var items = TestData.Tower(["a"], [0, 0, 1, 0], 2);
        Assert.Throws<ArgumentException>(() => new FactorizedTopK<string>([], items));
        Assert.Throws<ArgumentException>(() => new FactorizedTopK<string>(["a"], items, ks: [0, 5]));
    }

    /// <summary>One update as the two-tower model makes it: distinct queries and positives embedded by their towers, each pair's slots.</summary>
    private static void Update(FactorizedTopK<string> metric, Sequential<string> users, string[] queries, Sequential<string> items, string[] positives)
    {
        int d = users.OutputDim;
        var distinctQueries = queries.Distinct().ToArray();
        var distinctPositives = positives.Distinct().ToArray();
        var u = new float[distinctQueries.Length * d];
        var m = new float[distinctPositives.Length * d];
        users.Call(distinctQueries, u);
        items.Call(distinctPositives, m);
        var querySlots = queries.Select(q => Array.IndexOf(distinctQueries, q)).ToArray();
        var positiveSlots = positives.Select(p => Array.IndexOf(distinctPositives, p)).ToArray();
        var columns = distinctPositives.Select(((ICandidateCatalogue<string>)metric).ColumnOf).ToArray();
        metric.Update(new RetrievalBatch(d, u, querySlots, m, positiveSlots, columns));
    }
}
