using Reco.Data;
using Reco.Evaluation;

namespace Reco.Tests.Evaluation;

public class EvaluatorTests
{
    // Two users, five items. Training: u0 saw i0; u1 saw i1. Test: u0 → i1, i2; u1 → i0.
    private static (Interactions Train, Interactions Test) Data()
    {
        var users = new IdMap(["u0", "u1"]);
        var items = new IdMap(["i0", "i1", "i2", "i3", "i4"]);
        var train = new Interactions(users, items, [0, 1], [0, 1], [5, 4]);
        var test = new Interactions(users, items, [0, 0, 1], [1, 2, 0], [4, 2, 5]);
        return (train, test);
    }

    // Scores rank items in index order for everyone: i0 > i1 > i2 > i3 > i4.
    private static void IndexOrder(int user, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = 10 - i;
        }
    }

    [Fact]
    public void ExcludesSeenItemsByDefault()
    {
        var (train, test) = Data();
        var result = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [1, 2], Candidates = CandidateItems.All });

        // u0 ranks i1, i2, i3, i4 (i0 seen): both relevant on top → precision@2 = 1.
        // u1 ranks i0, i2, i3, i4 (i1 seen): i0 first → precision@1 = 1, precision@2 = 1/2.
        Assert.Equal(1.0, result.Metrics["precision@1"], 12);
        Assert.Equal(0.75, result.Metrics["precision@2"], 12);
        Assert.Equal(1.0, result.Metrics["recall@2"], 12);
        Assert.Equal(1.0, result.Metrics["auc"], 12);
        Assert.Equal(2, result.Users);
        Assert.Equal(5, result.CandidateItems);
    }

    [Fact]
    public void IncludingSeenItemsPushesTheRelevantOnesDown()
    {
        var (train, test) = Data();
        var result = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [1], ExcludeSeen = false, Candidates = CandidateItems.All });

        // u0's list starts with i0 (seen, not relevant); u1's with i0 (relevant).
        Assert.Equal(0.5, result.Metrics["precision@1"], 12);
    }

    [Fact]
    public void FactorizedTopKRanksEachTestInteractionAmongAllItems()
    {
        var (train, test) = Data();
        var result = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [1, 2] });

        // Ranks without exclusion: (u0, i1) 2nd, (u0, i2) 3rd, (u1, i0) 1st.
        Assert.Equal(1.0 / 3, result.Metrics["factorized_top_k@1"], 12);
        Assert.Equal(2.0 / 3, result.Metrics["factorized_top_k@2"], 12);
    }

    [Fact]
    public void CandidateFilterAndRelevanceThreshold()
    {
        var (train, test) = Data();
        var filtered = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [1], Candidates = CandidateItems.All, CandidateFilter = i => i != 1 });

        // Without i1, u0's best candidate is i2 (relevant) and u1's is i0 (relevant).
        Assert.Equal(1.0, filtered.Metrics["precision@1"], 12);

        // Only ratings ≥ 4 are relevant: u0 keeps i1, u1 keeps i0.
        var strict = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [2], Candidates = CandidateItems.All, RelevanceThreshold = 4 });
        Assert.Equal(1.0, strict.Metrics["recall@2"], 12);
        Assert.Equal(0.5, strict.Metrics["precision@2"], 12);
    }

    [Fact]
    public void UnionCandidatesLeaveOutItemsNobodyTouched()
    {
        var (train, test) = Data();
        var result = Evaluator.Evaluate(IndexOrder, train, test, new EvaluationOptions { Ks = [1] });
        Assert.Equal(3, result.CandidateItems);

        // u0's candidates (i1, i2) are all relevant, so u0 is not ranked (as in MyMediaLite); u1's list is [i0].
        Assert.Equal(1, result.Users);
        Assert.Equal(1.0 / 3, result.Metrics["coverage@1"], 12);
    }

    [Fact]
    public void SplitsMustShareTheirMaps()
    {
        var (train, _) = Data();
        var other = new Interactions(new IdMap(["u0"]), new IdMap(["i0"]), [0], [0]);
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(IndexOrder, train, other));
    }
}
