using Reco.Data;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Models.Baselines;

namespace Reco.Tests.Evaluation;

/// <summary>Evaluations that cannot measure anything say why, before or instead of producing figures.</summary>
public class EvaluationErrorTests
{
    private static readonly IdMap Users = new(["u0", "u1"]);
    private static readonly IdMap Items = new(["i0", "i1", "i2"]);

    [Fact]
    public void EmptySharesAreErrorsThatNameTheSide()
    {
        var rows = new Interactions(Users, Items, [0, 1], [0, 1], [4, 2]);
        var none = rows.Subset([]);
        Assert.Equal("The test share has no interactions, so there is nothing to measure.", Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, rows, none)).Message);
        Assert.Equal("The training share has no interactions, so no model could learn anything.", Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, none, rows)).Message);

        Assert.Equal(
            "Fold f leaves no interactions for training (2 for testing); use a larger training share or more data.",
            Assert.Throws<ArgumentException>(() => CrossValidation.Check(new Fold("f", none, rows))).Message);
        Assert.Equal(
            "Fold f leaves no interactions for testing (2 for training); use a smaller training share or more data.",
            Assert.Throws<ArgumentException>(() => CrossValidation.Check(new Fold("f", rows, none))).Message);
        CrossValidation.Check(new Fold("f", rows, rows));
    }

    [Fact]
    public void CrossValidationChecksEveryFoldBeforeFittingAndNeedsOne()
    {
        var rows = new Interactions(Users, Items, [0, 1, 0], [0, 1, 2], [4, 2, 5]);
        int created = 0;
        IRecommender Create()
        {
            created++;
            return new Popularity();
        }

        Assert.Throws<ArgumentException>(() => CrossValidation.Run(Create, [new Fold("empty", rows, rows.Subset([]))]));
        Assert.Equal(0, created);
        Assert.Equal("The protocol produced no folds. (Parameter 'folds')", Assert.Throws<ArgumentException>(() => CrossValidation.Run(Create, [])).Message);
        var fold = new Fold("one", rows.Subset([0, 1]), rows.Subset([2]));
        Assert.Contains("returned no model", Assert.Throws<InvalidOperationException>(() => CrossValidation.Run(() => null!, [fold])).Message);
    }

    [Fact]
    public void NothingRelevantLeftToFindIsAnErrorThatSaysWhy()
    {
        // Every test row is a training row of the same user.
        var train = new Interactions(Users, Items, [0, 1], [0, 1], [4, 2]);
        var seen = new Interactions(Users, Items, [0, 1], [0, 1], [4, 2]);
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, train, seen));
        Assert.Equal(
            "None of the 2 test users has a relevant item left to find (every test item was already in the user's training data, or no other item could be ranked), so there is nothing to measure.",
            error.Message);

        // Counting seen items, the same rows can be measured.
        Assert.Equal(2, Evaluator.Evaluate(Descending, train, seen, new EvaluationOptions { ExcludeSeen = false }).Users);

        // Every test rating below the relevance threshold.
        var low = new Interactions(Users, Items, [0, 1], [2, 2], [3, 3.5f]);
        var threshold = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, train, low, new EvaluationOptions { RelevanceThreshold = 4 }));
        Assert.Contains("every test rating is below the relevance threshold 4", threshold.Message);
        Assert.Equal(2, Evaluator.Evaluate(Descending, train, low, new EvaluationOptions { RelevanceThreshold = 3 }).Users);
    }

    [Fact]
    public void KsMustBePositive()
    {
        var rows = new Interactions(Users, Items, [0, 1], [0, 1], [4, 2]);
        var test = new Interactions(Users, Items, [0], [2], [5]);
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, rows, test, new EvaluationOptions { Ks = [] }));
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Descending, rows, test, new EvaluationOptions { Ks = [0, 5] }));
    }

    private static void Descending(int user, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = scores.Length - i;
        }
    }
}
