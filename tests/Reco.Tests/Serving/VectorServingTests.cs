using Reco.Data;
using Reco.Models;
using Reco.Models.Neighbourhood;
using Reco.Serving;
using Reco.Tests.Models;

namespace Reco.Tests.Serving;

public class VectorServingTests
{
    public static TheoryData<string> Models => [.. VectorModels.Names];

    [Theory]
    [MemberData(nameof(Models))]
    public void OffsetPlusDotProductIsTheModelsScore(string name)
    {
        var model = VectorModels.Fitted(name);
        var vectors = (IVectorModel)model;
        var train = model.TrainingData!;
        int d = vectors.VectorDimension;
        var items = new float[train.ItemCount * d];
        vectors.ItemVectors(items);
        var user = new float[d];
        var scores = new float[train.ItemCount];
        for (int u = 0; u < train.UserCount; u += 7)
        {
            model.ScoreItems(u, scores);
            vectors.UserVector(u, user);
            for (int i = 0; i < train.ItemCount; i++)
            {
                double dot = vectors.UserOffset(u);
                for (int c = 0; c < d; c++)
                {
                    dot += (double)user[c] * items[(i * d) + c];
                }

                Assert.Equal(scores[i], dot, 1e-4 * (1 + Math.Abs(dot)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheIndexGivesTheModelsTopKWithSeenExcludedAndItsScores(string name)
    {
        var model = VectorModels.Fitted(name);
        using var service = new RecommendationService(model, options: new ServingOptions { Index = "exact" });
        var train = model.TrainingData!;
        var scores = new float[train.ItemCount];
        foreach (int u in new[] { 0, 5, 17, 39 })
        {
            var user = train.Users[u];
            model.ScoreItems(u, scores);
            var seen = train.ByUser().ItemsOf(u).ToArray();
            var expected = Enumerable.Range(0, train.ItemCount).Where(i => !seen.Contains(i)).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(5).ToArray();
            var answer = service.Recommend(user, 5);
            Assert.Equal(expected.Select(i => train.Items[i]), answer.Items.Select(i => i.Id));
            for (int r = 0; r < expected.Length; r++)
            {
                Assert.Equal(scores[expected[r]], answer.Items[r].Score, 1e-3f * (1 + Math.Abs(scores[expected[r]])));
            }
        }

        Assert.Equal(Reco.Indexes.VectorIndexKind.Exact, service.IndexKind);
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("ivf")]
    [InlineData("auto")]
    public void ExclusionsAndCandidatesGoThroughEveryIndex(string index)
    {
        var model = VectorModels.Fitted("als");
        using var service = new RecommendationService(model, options: new ServingOptions { Index = index });
        var train = model.TrainingData!;
        var scores = new float[train.ItemCount];
        model.ScoreItems(3, scores);
        var seen = train.ByUser().ItemsOf(3).ToArray();
        var unseen = Enumerable.Range(0, train.ItemCount).Where(i => !seen.Contains(i)).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();

        // Exclude the best two; allow only five of the rest, two of them far down the ranking.
        var excluded = new HashSet<string> { train.Items[unseen[0]], train.Items[unseen[1]] };
        int[] allowed = [unseen[0], unseen[3], unseen[4], unseen[^1], unseen[^2], seen[0]];
        var request = new RecommendationRequest { Exclude = excluded, Candidates = allowed.Select(i => train.Items[i]).ToHashSet() };
        var answer = service.Recommend(train.Users[3], 10, request);

        // Every allowed item that is neither excluded nor seen, best first: none lost to the approximate index.
        Assert.Equal(new[] { unseen[3], unseen[4], unseen[^2], unseen[^1] }.Select(i => train.Items[i]), answer.Items.Select(i => i.Id));
        Assert.Empty(service.Recommend(train.Users[3], 3, new RecommendationRequest { Candidates = new HashSet<string> { "nothing" } }).Items);
    }

    [Fact]
    public void DiversityReRanksByMaximalMarginalRelevanceOverTheItemVectors()
    {
        var model = VectorModels.Fitted("als");
        using var service = new RecommendationService(model, options: new ServingOptions { Index = "exact", DiversityPool = 12 });
        var train = model.TrainingData!;
        var vectors = (IVectorModel)model;
        int d = vectors.VectorDimension;
        var items = new float[train.ItemCount * d];
        vectors.ItemVectors(items);
        double Cosine(int a, int b)
        {
            double dot = 0, na = 0, nb = 0;
            for (int c = 0; c < d; c++)
            {
                dot += (double)items[(a * d) + c] * items[(b * d) + c];
                na += (double)items[(a * d) + c] * items[(a * d) + c];
                nb += (double)items[(b * d) + c] * items[(b * d) + c];
            }

            return dot / Math.Sqrt(na * nb);
        }

        var plain = service.Recommend("u1", 12);
        Assert.Equal(plain.Items, service.Recommend("u1", 12, new RecommendationRequest { Diversity = 0 }).Items);

        // The reference: the greedy choice over the plain top 12, in double.
        const double Lambda = 0.6;
        var pool = plain.Items.Select(i => (Index: train.Items.IndexOf(i.Id), i.Score)).ToList();
        double max = pool.Max(p => p.Score), min = pool.Min(p => p.Score);
        var chosen = new List<int>();
        while (chosen.Count < 4)
        {
            var next = pool.Where(p => !chosen.Contains(p.Index))
                .MaxBy(p => ((1 - Lambda) * (p.Score - min) / (max - min)) - (Lambda * (chosen.Count == 0 ? 0 : chosen.Max(c => Cosine(c, p.Index)))));
            chosen.Add(next.Index);
        }

        var diverse = service.Recommend("u1", 4, new RecommendationRequest { Diversity = Lambda });
        Assert.Equal(chosen.Select(i => train.Items[i]), diverse.Items.Select(i => i.Id));
        Assert.Equal(chosen.Select(i => plain.Items.First(p => p.Id == train.Items[i]).Score), diverse.Items.Select(i => i.Score));
    }

    [Fact]
    public void DiversityOutsideItsRangeOrWithoutVectorsIsRefusedInPlainWords()
    {
        using var als = new RecommendationService(VectorModels.Fitted("als"));
        var range = Assert.Throws<ArgumentException>(() => als.Recommend("u1", 3, new RecommendationRequest { Diversity = 1.5 }));
        Assert.Equal("The diversity must be a number from 0 to 1; got 1.5.", range.Message);
        Assert.Throws<ArgumentException>(() => als.Recommend("u1", 3, new RecommendationRequest { Diversity = double.NaN }));

        using var knn = new RecommendationService(ServingData.Fitted(new ItemKnn(), ClassicData.Clustered()));
        var none = Assert.Throws<ArgumentException>(() => knn.Recommend("u1", 3, new RecommendationRequest { Diversity = 0.5 }));
        Assert.StartsWith("The item-knn model has no item vectors", none.Message);
        Assert.Null(knn.IndexKind);
        Assert.StartsWith("none:", knn.IndexDescription);
    }

    [Fact]
    public void ExplanationsAreTheModelsOwnOrTheMostSimilarHistoryItems()
    {
        var model = VectorModels.Fitted("als");
        using var service = new RecommendationService(model);
        var train = model.TrainingData!;
        var answer = service.Recommend("u2", 3, new RecommendationRequest { Explain = true });
        Assert.Equal(ExplanationSource.ItemSimilarity, answer.Explanations);
        var vectors = (IVectorModel)model;
        int d = vectors.VectorDimension;
        var items = new float[train.ItemCount * d];
        vectors.ItemVectors(items);
        double Cosine(int a, int b) =>
            Enumerable.Range(0, d).Sum(c => (double)items[(a * d) + c] * items[(b * d) + c])
            / Math.Sqrt(Enumerable.Range(0, d).Sum(c => (double)items[(a * d) + c] * items[(a * d) + c]) * Enumerable.Range(0, d).Sum(c => (double)items[(b * d) + c] * items[(b * d) + c]));
        var history = train.ByUser().ItemsOf(train.Users.IndexOf("u2")).ToArray();
        foreach (var item in answer.Items)
        {
            int index = train.Items.IndexOf(item.Id);
            var expected = history.Select(h => (h, Cosine(index, h))).Where(p => p.Item2 > 0).OrderByDescending(p => p.Item2).Take(3).ToArray();
            // Rank by rank the same cosines (near-parallel vectors of one cluster may swap places in float).
            Assert.Equal(expected.Length, item.Because!.Count);
            for (int r = 0; r < expected.Length; r++)
            {
                var because = item.Because[r];
                Assert.Contains(train.Items.IndexOf(because.Id), history);
                Assert.Equal(expected[r].Item2, because.Score, 1e-4);
                Assert.Equal(Cosine(index, train.Items.IndexOf(because.Id)), because.Score, 1e-4);
            }
        }

        Assert.All(service.Recommend("u2", 3).Items, i => Assert.Null(i.Because));

        // A model that explains itself is asked instead.
        using var stub = new RecommendationService(ServingData.Fitted(new ServingData.Stub(), ServingData.Labelled()));
        var explained = stub.Recommend("u1", 2, new RecommendationRequest { Explain = true });
        Assert.Equal(ExplanationSource.Model, explained.Explanations);
        Assert.Equal(["a", "c", "b"], explained.Items[0].Because!.Select(b => b.Id));
    }

    [Fact]
    public void ANewUsersHistoryIsFoldedInOrAveragedAndUnknownIdsAreListed()
    {
        var data = ClassicData.Clustered(users: 40, items: 30, perUser: 10);
        using var als = new RecommendationService(VectorModels.Fitted("als", data));
        var folded = als.RecommendForHistory(["i0", "i2", "i4", "nope", "nope"], 5, new RecommendationRequest { Explain = true });
        Assert.Equal(RecommendationMethod.FoldIn, folded.Method);
        Assert.Equal(["nope"], folded.IgnoredItems);
        Assert.DoesNotContain(folded.Items, i => i.Id is "i0" or "i2" or "i4");
        Assert.All(folded.Items, i => Assert.All(i.Because!, b => Assert.Contains(b.Id, new[] { "i0", "i2", "i4" })));

        var twoTower = VectorModels.Fitted("two-tower", data);
        using var service = new RecommendationService(twoTower, options: new ServingOptions { Index = "exact" });
        var averaged = service.RecommendForHistory(["i0", "i2", "i4"], 5, new RecommendationRequest { Exclude = new HashSet<string> { "i6" } });
        Assert.Equal(RecommendationMethod.ItemAverage, averaged.Method);
        Assert.Null(averaged.Fallback);
        Assert.DoesNotContain(averaged.Items, i => i.Id is "i0" or "i2" or "i4" or "i6");

        // The reference: the mean candidate embedding's dot product with every item, in double.
        var vectors = (IVectorModel)twoTower;
        int d = vectors.VectorDimension;
        var items = new float[data.ItemCount * d];
        vectors.ItemVectors(items);
        int[] history = [data.Items.IndexOf("i0"), data.Items.IndexOf("i2"), data.Items.IndexOf("i4")];
        var query = Enumerable.Range(0, d).Select(c => history.Average(h => (double)items[(h * d) + c])).ToArray();
        var expected = Enumerable.Range(0, data.ItemCount)
            .Where(i => !history.Contains(i) && data.Items[i] != "i6")
            .OrderByDescending(i => Enumerable.Range(0, d).Sum(c => query[c] * items[(i * d) + c]))
            .Take(5)
            .Select(i => data.Items[i]);
        Assert.Equal(expected, averaged.Items.Select(i => i.Id));
    }

    [Fact]
    public void VerifyPassesAGoodModelAndCatchesAnIndexThatDisagreesWithTheModel()
    {
        using var good = new RecommendationService(VectorModels.Fitted("bpr"));
        good.Verify();

        using var liar = new RecommendationService(ServingData.Fitted(new LyingVectors(), ServingData.Labelled()));
        var error = Assert.Throws<InvalidDataException>(() => liar.Verify());
        Assert.Contains("but the model as", error.Message);

        using var nan = new RecommendationService(ServingData.Fitted(new NotANumber(), ServingData.Labelled()));
        Assert.Contains("as NaN", Assert.Throws<InvalidDataException>(() => nan.Verify()).Message);
    }

    /// <summary>Scores every item 0 but claims vectors that score item i as i.</summary>
    private sealed class LyingVectors : ServingData.Stub, IRecommender, IVectorModel
    {
        public int VectorDimension => 1;

        public new void ScoreItems(int user, Span<float> scores) => scores.Clear();

        public void ItemVectors(Span<float> vectors)
        {
            for (int i = 0; i < vectors.Length; i++)
            {
                vectors[i] = i;
            }
        }

        public void UserVector(int user, Span<float> vector) => vector[0] = 1;
    }

    private sealed class NotANumber : ServingData.Stub, IRecommender
    {
        public new void ScoreItems(int user, Span<float> scores) => scores.Fill(float.NaN);
    }
}
