using System.Diagnostics;
using Reco.Data;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;

namespace Reco.Serving;

/// <summary>
/// Measures a saved model under a protocol without letting it be measured on what it learned from: each
/// fold's test rows are checked against the model's training rows, and an overlap (or data whose ids the
/// model does not know at all) is an error unless the caller insists, in which case the result says so.
/// </summary>
public static class SavedModelEvaluation
{
    /// <summary>Evaluates <paramref name="service"/>'s model on every fold's test share, with the fold's training share as what users have seen.</summary>
    /// <param name="service">The model, served by id.</param>
    /// <param name="folds">The folds of the evaluation data.</param>
    /// <param name="options">How to measure.</param>
    /// <param name="allowOverlap">Measure even when test rows were training rows of the model (the result's <see cref="SavedModelResult.OverlappingRows"/> says how many).</param>
    /// <param name="name">The model's name in the result.</param>
    /// <exception cref="ArgumentException">Test rows were training rows and <paramref name="allowOverlap"/> is false, or the data's ids are not the model's.</exception>
    public static SavedModelResult Run(RecommendationService service, IReadOnlyList<Fold> folds, EvaluationOptions options, bool allowOverlap, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(folds);
        long overlapping = 0;
        long tested = 0;
        foreach (var fold in folds)
        {
            CrossValidation.Check(fold);
            CheckIds(service, fold.Test);
            long overlap = Overlap(service, fold.Test);
            if (overlap > 0 && !allowOverlap)
            {
                throw new ArgumentException(
                    $"{overlap:N0} of the {fold.Test.Count:N0} test interactions of fold {fold.Name} are interactions the model was trained on, so its scores there would be flattering; " +
                    "evaluate it on data it has not seen (train it with the same protocol), or pass --allow-overlap to measure anyway.");
            }

            overlapping += overlap;
            tested += fold.Test.Count;
        }

        var results = new List<FoldResult>();
        foreach (var fold in folds)
        {
            var clock = Stopwatch.StartNew();
            var result = Evaluator.Evaluate(service.ScoresFor(fold.Train), fold.Train, fold.Test, options);
            results.Add(new FoldResult(fold.Name, result, 0, clock.Elapsed.TotalSeconds, []));
        }

        return new SavedModelResult(new CrossValidationResult(name, results), overlapping, tested);
    }

    /// <summary>How many rows of <paramref name="test"/> (by user id and item id or label) are also training rows of the model.</summary>
    public static long Overlap(RecommendationService service, Interactions test)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(test);
        var train = service.TrainingData;
        var byUser = train.ByUser();
        var userRow = new int[test.UserCount];
        for (int u = 0; u < userRow.Length; u++)
        {
            userRow[u] = train.Users.IndexOf(test.Users[u]);
        }

        var itemRow = service.MapItems(test.Items);

        long overlap = 0;
        for (int r = 0; r < test.Count; r++)
        {
            int user = userRow[test.UserIndices[r]];
            int item = itemRow[test.ItemIndices[r]];
            if (user >= 0 && item >= 0 && byUser.ItemsOf(user).BinarySearch(item) >= 0)
            {
                overlap++;
            }
        }

        return overlap;
    }

    private static void CheckIds(RecommendationService service, Interactions test)
    {
        var items = service.TrainingData.Items;
        var mapped = service.MapItems(test.Items);
        bool anyItem = false;
        for (int r = 0; r < test.Count && !anyItem; r++)
        {
            anyItem = mapped[test.ItemIndices[r]] >= 0;
        }

        if (!anyItem)
        {
            string model = items.Count > 0 ? $" (the model's look like '{items[0]}'" : " (";
            string data = test.Count > 0 ? $", the data's like '{test.Items[test.ItemIndices[0]]}')" : ")";
            throw new ArgumentException($"None of the test items is an item of the model{model}{data}: the data names items differently from what the model was trained on.");
        }
    }
}

/// <summary>A saved model's evaluation.</summary>
/// <param name="Result">The figures per fold.</param>
/// <param name="OverlappingRows">Test rows that were also training rows of the model (only non-zero when overlap was allowed).</param>
/// <param name="TestRows">Test rows in all.</param>
public sealed record SavedModelResult(CrossValidationResult Result, long OverlappingRows, long TestRows);
