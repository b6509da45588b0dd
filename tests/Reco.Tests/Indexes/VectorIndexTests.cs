using Reco.Indexes;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Indexes;

/// <summary>Behaviour every index kind shares.</summary>
public class VectorIndexTests
{
    public static TheoryData<string> Kinds => IndexReference.Kinds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ClusteredDataReachesHighRecallWithExactScores(string kind)
    {
        var data = SyntheticEmbeddings.Generate(4000, 16, seed: 5);
        var queries = data.Queries(50, seed: 6);
        using var index = IndexReference.Build(kind, data.Items, 16);
        var results = index.Search(queries, 10);

        double recall = IndexReference.Recall(results, data.Items, 16, queries, 10);
        Assert.True(recall >= (kind == "exact" ? 1.0 : 0.8), $"{kind} recall@10 {recall:F3}");
        for (int q = 0; q < 50; q++)
        {
            var ids = results.Ids(q);
            var scores = results.Scores(q);
            for (int j = 0; j < ids.Length; j++)
            {
                double truth = IndexReference.Dot(data.Items, ids[j], queries, q, 16);
                Assert.Equal(truth, scores[j], 1e-4 * (1 + Math.Abs(truth)));
                Assert.True(j == 0 || scores[j] <= scores[j - 1]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExclusionsAndFiltersAreHonoured(string kind)
    {
        int n = 600, d = 8;
        var data = SyntheticEmbeddings.Generate(n, d, seed: 9);
        var ids = Enumerable.Range(0, n).Select(i => 1000 + (7 * i)).ToArray();
        var queries = data.Queries(6, seed: 10);
        using var index = IndexReference.Build(kind, data.Items, d, ids);
        var unfiltered = index.Search(queries, 10);

        // Exclude each query's unfiltered top 5 (as sorted lists), and every id divisible by 3.
        var excluded = Enumerable.Range(0, 6).Select(q => unfiltered.Ids(q)[..5].ToArray().Order().ToArray()).ToArray();
        var options = new SearchOptions
        {
            ExcludedIds = q => excluded[q],
            Exclude = (q, id) => q == 2 && id % 2 == 0,
            Filter = id => id % 3 != 0,
        };
        var results = index.Search(queries, 10, options);
        for (int q = 0; q < 6; q++)
        {
            Assert.True(results.Found(q) > 0);
            foreach (int id in results.Ids(q))
            {
                Assert.DoesNotContain(id, excluded[q]);
                Assert.NotEqual(0, id % 3);
                Assert.False(q == 2 && id % 2 == 0);
            }

            if (kind == "exact")
            {
                int row = q;
                var expected = IndexReference.TopK(data.Items, d, queries, q, 10, id => !excluded[row].Contains(id) && id % 3 != 0 && !(row == 2 && id % 2 == 0), ids);
                Assert.Equal(expected.Select(p => p.Id), results.Ids(q).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnsortedExclusionsAreAnError(string kind)
    {
        using var index = IndexReference.Build(kind, IndexReference.Random(40, 1), 4);
        var error = Assert.Throws<ArgumentException>(() => index.Search(new float[4], 3, new SearchOptions { ExcludedIds = _ => new[] { 5, 2 } }));
        Assert.Contains("not sorted ascending", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TinyCataloguesAndDimensions(string kind)
    {
        using (var one = IndexReference.Build(kind, [0.5f, -2f], 2, [77]))
        {
            var results = one.Search([1f, 1f, 2f, 0f], 3);
            Assert.Equal(1, results.Found(0));
            Assert.Equal(77, results.Ids(0)[0]);
            Assert.Equal(-1.5f, results.Scores(0)[0]);
            Assert.Equal(1f, results.Scores(1)[0]);
        }

        var items = new float[] { 3, -1, 2, 0.5f, -4 };
        using var flat = IndexReference.Build(kind, items, 1);
        var top = flat.Search([2f, -1f], 10);
        Assert.Equal(new[] { 0, 2, 3, 1, 4 }, top.Ids(0).ToArray());
        Assert.Equal(new[] { 4, 1, 3, 2, 0 }, top.Ids(1).ToArray());
        Assert.Equal(new[] { 6f, 4f, 1f, -2f, -8f }, top.Scores(0).ToArray());

        // A k far above the catalogue finds every item instead of sizing billions of empty slots.
        var all = flat.Search([2f], int.MaxValue);
        Assert.Equal(5, all.K);
        Assert.Equal(new[] { 0, 2, 3, 1, 4 }, all.Ids(0).ToArray());
        Assert.Equal("query", Assert.Throws<ArgumentOutOfRangeException>(() => all.Found(1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => all.Ids(-1));
        Assert.Equal(0, flat.Search([], 3).QueryCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ConcurrentSearchesAgreeWithSequentialOnes(string kind)
    {
        var data = SyntheticEmbeddings.Generate(3000, 16, seed: 11);
        var queries = data.Queries(40, seed: 12);
        using var index = IndexReference.Build(kind, data.Items, 16);
        var sequential = Enumerable.Range(0, 40).Select(q => index.Search(queries.AsSpan(q * 16, 16), 10)).ToArray();
        var concurrent = new SearchResults[40 * 4];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            concurrent[i] = index.Search(queries.AsSpan(i % 40 * 16, 16), 10));
        for (int i = 0; i < concurrent.Length; i++)
        {
            Assert.Equal(sequential[i % 40].Ids(0).ToArray(), concurrent[i].Ids(0).ToArray());
            Assert.Equal(sequential[i % 40].Scores(0).ToArray(), concurrent[i].Scores(0).ToArray());
        }

        // Concurrent batches too.
        var batch = index.Search(queries, 10);
        Parallel.For(0, 4, _ =>
        {
            var again = index.Search(queries, 10);
            for (int q = 0; q < 40; q++)
            {
                Assert.Equal(batch.Ids(q).ToArray(), again.Ids(q).ToArray());
            }
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportImportRoundTripGivesIdenticalAnswers(string kind)
    {
        var data = SyntheticEmbeddings.Generate(2500, 12, seed: 13);
        var ids = Enumerable.Range(0, 2500).Select(i => (i * 31) + 5).ToArray();
        var queries = data.Queries(30, seed: 14);
        using var index = IndexReference.Build(kind, data.Items, 12, ids);
        var blobs = index.Export();
        Assert.Contains("index.json", blobs.Keys);
        using var loaded = VectorIndex.Import(blobs);

        Assert.Equal(index.Kind, loaded.Kind);
        Assert.Equal(2500, loaded.Count);
        Assert.Equal(12, loaded.Dimension);
        var before = index.Search(queries, 10);
        var after = loaded.Search(queries, 10);
        for (int q = 0; q < 30; q++)
        {
            Assert.Equal(before.Ids(q).ToArray(), after.Ids(q).ToArray());
            Assert.Equal(before.Scores(q).ToArray(), after.Scores(q).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TruncatedAlteredOrMismatchedBlobsAreRejected(string kind)
    {
        var data = SyntheticEmbeddings.Generate(300, 4, seed: 15);
        using var index = IndexReference.Build(kind, data.Items, 4);
        var blobs = index.Export();

        foreach (var name in blobs.Keys)
        {
            var truncated = new Dictionary<string, byte[]>(blobs) { [name] = blobs[name][..^1] };
            AssertRejected(truncated);

            var altered = new Dictionary<string, byte[]>(blobs) { [name] = (byte[])blobs[name].Clone() };
            altered[name][altered[name].Length / 2] ^= 0x20;
            AssertRejected(altered);

            var missing = new Dictionary<string, byte[]>(blobs);
            missing.Remove(name);
            AssertRejected(missing);
        }

        // Blobs of another index (same kind and shape) under this manifest.
        using var other = IndexReference.Build(kind, SyntheticEmbeddings.Generate(300, 4, seed: 16).Items, 4);
        var mixed = new Dictionary<string, byte[]>(other.Export()) { ["index.json"] = blobs["index.json"] };
        AssertRejected(mixed);
    }

    private static void AssertRejected(Dictionary<string, byte[]> blobs)
    {
        var error = Assert.Throws<InvalidDataException>(() => VectorIndex.Import(blobs).Dispose());
        Assert.StartsWith("The vector index cannot be loaded: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
