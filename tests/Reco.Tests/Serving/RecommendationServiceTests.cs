using Reco.Data;
using Reco.Models.Baselines;
using Reco.Serving;
using static Reco.Tests.Serving.ServingData;

namespace Reco.Tests.Serving;

public class RecommendationServiceTests
{
    [Fact]
    public void AKnownUserGetsTheModelsUnseenItemsWithLabels()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        Assert.Equal(0, service.KnownUser("u1"));
        var answer = service.Recommend("u1", 3);

        // u1 saw a, b, c; the stub prefers f, e, d, … (score i + user/10, user 0).
        Assert.True(answer.Personalised);
        Assert.Null(answer.Fallback);
        Assert.Equal("u1", answer.User);
        Assert.Equal([new RecommendedItem("f", "f", 5f), new RecommendedItem("e", "Epsilon", 4f), new RecommendedItem("d", "Delta", 3f)], answer.Items);
    }

    [Fact]
    public void SeenItemsComeBackWhenNotExcluded()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        var answer = service.Recommend("u2", 6, new RecommendationRequest { ExcludeSeen = false });
        Assert.Equal(["f", "e", "d", "c", "b", "a"], answer.Items.Select(i => i.Id));
        Assert.Equal(0.1f, answer.Items[^1].Score);
        Assert.Equal(["f", "e", "d", "c"], service.Recommend("u2", 6).Items.Select(i => i.Id));
    }

    [Fact]
    public void ExcludedItemsAndCandidatesFilterTheAnswer()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));

        // u2 saw a and b; of the candidates a, c, e, f, f is excluded.
        var request = new RecommendationRequest { Exclude = new HashSet<string> { "f" }, Candidates = new HashSet<string> { "a", "c", "e", "f" } };
        Assert.Equal(["e", "c"], service.Recommend("u2", 5, request).Items.Select(i => i.Id));
        Assert.Equal(["e", "d", "c"], service.Recommend("u2", 5, new RecommendationRequest { Exclude = new HashSet<string> { "f", "zzz" } }).Items.Select(i => i.Id));
        Assert.Empty(service.Recommend("u2", 5, new RecommendationRequest { Candidates = new HashSet<string>() }).Items);
    }

    [Theory]
    [InlineData("stranger")]
    [InlineData("ghost")]
    public void AnyoneWithoutTrainingInteractionsGetsThePopularityFallback(string user)
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        Assert.Equal(-1, service.KnownUser(user));
        var answer = service.Recommend(user, 4);

        Assert.False(answer.Personalised);
        Assert.Contains($"user '{user}' is not among the 4 users the model was trained on", answer.Fallback);
        Assert.Contains("most popular", answer.Fallback);

        // Interaction counts in the training data: a 4, b 3, c 2, d 1.
        Assert.Equal(
            [new RecommendedItem("a", "Alpha", 4f), new RecommendedItem("b", "Beta", 3f), new RecommendedItem("c", "Gamma", 2f), new RecommendedItem("d", "Delta", 1f)],
            answer.Items);

        // The request's filters apply to the fallback too.
        var filtered = service.Recommend(user, 2, new RecommendationRequest { Exclude = new HashSet<string> { "a" }, Candidates = new HashSet<string> { "a", "c", "d" } });
        Assert.Equal(["c", "d"], filtered.Items.Select(i => i.Id));
    }

    [Fact]
    public void SimilarMapsTheModelsNeighboursAndExplainsWhatItCannotDo()
    {
        var similar = new RecommendationService(Fitted(new SimilarStub(), Labelled()));
        Assert.Equal([new RecommendedItem("d", "Delta", 0.5f), new RecommendedItem("e", "Epsilon", 1f / 3)], similar.Similar("c", 2));

        var unknown = Assert.Throws<ArgumentException>(() => similar.Similar("zzz", 2));
        Assert.Equal("Item 'zzz' is not among the 6 items of the model.", unknown.Message);

        var plain = new RecommendationService(Fitted(new Stub(), Labelled()));
        var error = Assert.Throws<ArgumentException>(() => plain.Similar("c", 2));
        Assert.StartsWith("The stub model does not compute item similarities;", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => similar.Similar("c", 0));
    }

    [Fact]
    public void AHistoryIsFoldedInWithUnknownIdsIgnoredAndItsOwnItemsLeftOut()
    {
        var stub = Fitted(new Stub(), Labelled());
        var service = new RecommendationService(stub);
        var answer = service.RecommendForHistory(["d", "nope", "b", "d"], 3);

        Assert.Equal([1, 3], Assert.Single(stub.FoldIns));
        Assert.True(answer.Personalised);
        Assert.Equal("(new user)", answer.User);

        // Fold-in scores 10 − i: a, c, e, f once b and d are left out.
        Assert.Equal([new RecommendedItem("a", "Alpha", 10f), new RecommendedItem("c", "Gamma", 8f), new RecommendedItem("e", "Epsilon", 6f)], answer.Items);
        Assert.Equal(["c", "f"], service.RecommendForHistory(["b", "d"], 3, new RecommendationRequest { Exclude = new HashSet<string> { "a", "e" } }).Items.Select(i => i.Id));
    }

    [Fact]
    public void AHistoryFallsBackToPopularityWhenTheModelCannotFoldInOrKnowsNoneOfIt()
    {
        var popularity = new RecommendationService(Fitted(new Popularity(), Labelled()));
        var answer = popularity.RecommendForHistory(["a", "c"], 3);
        Assert.False(answer.Personalised);
        Assert.StartsWith("the popularity model cannot score a new user's history", answer.Fallback);
        Assert.Equal(["b", "d"], answer.Items.Take(2).Select(i => i.Id));
        Assert.DoesNotContain(answer.Items, i => i.Id is "a" or "c");

        var stub = Fitted(new Stub(), Labelled());
        var none = new RecommendationService(stub).RecommendForHistory(["x", "y"], 2);
        Assert.StartsWith("none of the given items is known to the model", none.Fallback);
        Assert.Equal(["a", "b"], none.Items.Select(i => i.Id));
        Assert.Empty(stub.FoldIns);
    }

    [Fact]
    public void ExplainAndHistoryAnswerWithIdsAndLabels()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        Assert.Equal([new RecommendedItem("a", "Alpha", 5f), new RecommendedItem("c", "Gamma", 4f)], service.Explain("u1", "f", 2));
        Assert.Empty(service.Explain("stranger", "f", 2));
        Assert.Empty(service.Explain("u1", "zzz", 2));
        Assert.Empty(new RecommendationService(Fitted(new Popularity(), Labelled())).Explain("u1", "f", 2));

        Assert.Equal([new RecommendedItem("a", "Alpha", 5f), new RecommendedItem("b", "Beta", 3f), new RecommendedItem("c", "Gamma", 4f)], service.History("u1"));
        Assert.Equal([new RecommendedItem("a", "Alpha", 1f), new RecommendedItem("d", "Delta", 5f)], service.History("u3"));
        Assert.Empty(service.History("ghost"));
        Assert.Empty(service.History("stranger"));
    }

    [Fact]
    public void ItemsAreMappedByIdFirstThenByLabel()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        var other = new IdMap(["c", "101", "102", "103", "b"]);
        other.SetLabel(1, "a");
        other.SetLabel(2, "Gamma");
        other.SetLabel(4, "c");

        // c by id; 101 by its label a; 102's label is the model's label of c, not an id; 103 unknown; b by id, not its label.
        Assert.Equal([2, 0, -1, -1, 1], service.MapItems(other));
        Assert.Equal(-1, service.ItemIndex("Alpha"));
    }

    [Fact]
    public void ScoresForOtherDataUseTheModelForKnownUsersAndPopularityForTheRest()
    {
        var service = new RecommendationService(Fitted(new Stub(), Labelled()));
        var users = new IdMap(["u4", "stranger", "ghost"]);
        var items = new IdMap(["c", "101", "zzz"]);
        items.SetLabel(1, "a");
        var data = new Interactions(users, items, [0, 1, 2], [0, 1, 2]);
        var score = service.ScoresFor(data);

        var scores = new float[3];
        score(0, scores);
        Assert.Equal([2.3f, 0.3f, float.MinValue], scores);
        score(1, scores);
        Assert.Equal([2f, 4f, float.MinValue], scores);
        score(2, scores);
        Assert.Equal([2f, 4f, float.MinValue], scores);
    }

    [Fact]
    public void ASavedModelIsServedWithItsLabelsAndProvenance()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "popularity");
        Reco.Serialization.RecommenderFile.Save(folder, Fitted(new Popularity(), Labelled()), new Reco.Serialization.TrainingProvenance("labelled", "generated", null, "none", 1));
        var service = RecommendationService.Load(folder);

        Assert.Equal("popularity", service.Model.Name);
        Assert.Equal("labelled", service.Provenance!.DataSet);
        Assert.Equal(10, service.Provenance.Rows);
        Assert.Equal(-1, service.KnownUser("ghost"));
        Assert.Equal([new RecommendedItem("d", "Delta", 1f), new RecommendedItem("e", "Epsilon", 0f)], service.Recommend("u1", 2).Items);
        Assert.Equal("f", service.Recommend("u1", 3).Items[^1].Label);
    }

    [Fact]
    public void AnUnfittedModelCannotBeServed()
    {
        var error = Assert.Throws<ArgumentException>(() => new RecommendationService(new Stub()));
        Assert.Contains("Fit the stub model", error.Message);
    }
}
