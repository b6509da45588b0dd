using Reco.Data;
using Reco.Evaluation.Metrics;
using Reco.Models;
using Reco.Numerics;

namespace Reco.Evaluation;

/// <summary>
/// Measures a model on a test set: the top-k ranking metrics of every test user (precision, recall,
/// NDCG, MAP, MRR, hit rate at each k, and AUC), the factorized top-k accuracy of every test
/// interaction, the beyond-accuracy metrics of the top-k lists (coverage, diversity, novelty,
/// personalisation, Gini), and RMSE/MAE for models that predict ratings. Users are scored in parallel.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates a fitted model on <paramref name="test"/> (the model's training data defines "seen").</summary>
    public static EvaluationResult Evaluate(IRecommender model, Interactions test, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var train = model.TrainingData ?? throw new InvalidOperationException($"Fit the {model.Name} model before evaluating it.");
        var result = Evaluate(model.ScoreItems, train, test, options);
        if (model is IRatingPredictor predictor && test.HasRatings)
        {
            var metrics = new Dictionary<string, double>(result.Metrics);
            var predicted = new float[test.Count];
            Parallel.For(0, test.Count, r => predicted[r] = predictor.Predict(test.UserIndices[r], test.ItemIndices[r]));
            metrics["rmse"] = RatingMetrics.Rmse(predicted, test.Ratings);
            metrics["mae"] = RatingMetrics.Mae(predicted, test.Ratings);
            result = result with { Metrics = metrics };
        }

        return result;
    }

    /// <summary>Evaluates any scoring function: <paramref name="score"/> writes a score for every item for a user.</summary>
    public static EvaluationResult Evaluate(ScoreFunction score, Interactions train, Interactions test, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new EvaluationOptions();
        if (!ReferenceEquals(train.Items, test.Items) || !ReferenceEquals(train.Users, test.Users))
        {
            throw new ArgumentException("Train and test must share their user and item maps (split one Interactions).");
        }

        if (test.Count == 0)
        {
            throw new ArgumentException("The test share has no interactions, so there is nothing to measure.");
        }

        if (train.Count == 0)
        {
            throw new ArgumentException("The training share has no interactions, so no model could learn anything.");
        }

        var ks = options.Ks.Distinct().Order().ToArray();
        if (ks.Length == 0 || ks[0] < 1)
        {
            throw new ArgumentException("Every k must be at least 1.", nameof(options));
        }

        int items = train.ItemCount;
        var mask = new Mask(CandidateMask(train, test, options));
        int candidateCount = mask.Count;
        var seen = train.ByUser();
        var tested = test.ByUser();
        var testUsers = Enumerable.Range(0, test.UserCount).Where(u => u < tested.UserCount && tested.ItemsOf(u).Length > 0).ToArray();
        int maxK = ks[^1];

        var perUser = new UserFigures[testUsers.Length];
        var meter = new UserMeter(options.Progress, testUsers.Length);
        Parallel.For(0, testUsers.Length, () => new float[items], (index, _, scores) =>
        {
            int user = testUsers[index];
            score(user, scores);
            perUser[index] = Measure(user, scores, mask, options, seen, tested, ks, maxK);
            meter.Done();
            return scores;
        }, _ => { });
        meter.Finish();

        var all = perUser.Select(f => f!).ToArray();
        var measured = all.Where(f => f.Ranked).ToArray();
        if (measured.Length == 0)
        {
            string why = options.RelevanceThreshold is { } threshold
                ? $"every test rating is below the relevance threshold {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}, or the item was already in the user's training data"
                : "every test item was already in the user's training data, or no other item could be ranked";
            throw new ArgumentException($"None of the {testUsers.Length:N0} test users has a relevant item left to find ({why}), so there is nothing to measure.");
        }
        var metrics = new Dictionary<string, double>();
        foreach (int k in ks)
        {
            metrics[$"precision@{k}"] = Mean(measured, f => f.Precision[Array.IndexOf(ks, k)]);
            metrics[$"recall@{k}"] = Mean(measured, f => f.Recall[Array.IndexOf(ks, k)]);
            metrics[$"ndcg@{k}"] = Mean(measured, f => f.Ndcg[Array.IndexOf(ks, k)]);
            metrics[$"map@{k}"] = Mean(measured, f => f.AveragePrecision[Array.IndexOf(ks, k)]);
            metrics[$"mrr@{k}"] = Mean(measured, f => f.ReciprocalRank[Array.IndexOf(ks, k)]);
            metrics[$"hit_rate@{k}"] = Mean(measured, f => f.HitRate[Array.IndexOf(ks, k)]);
        }

        metrics["auc"] = Mean(measured, f => f.Auc);
        long interactions = all.Sum(f => (long)f.Interactions);
        foreach (int k in ks)
        {
            metrics[$"factorized_top_k@{k}"] = interactions == 0 ? 0 : all.Sum(f => (double)f.FactorizedHits[Array.IndexOf(ks, k)]) / interactions;
        }

        var usersPerItem = new int[items];
        for (int u = 0; u < seen.UserCount; u++)
        {
            foreach (int item in seen.ItemsOf(u))
            {
                usersPerItem[item]++;
            }
        }

        int trainUsers = Enumerable.Range(0, seen.UserCount).Count(u => seen.ItemsOf(u).Length > 0);
        foreach (int k in ks)
        {
            var lists = measured.Select(f => f.TopItems.Length > k ? f.TopItems[..k] : f.TopItems).ToArray();
            metrics[$"coverage@{k}"] = BeyondAccuracy.Coverage(lists, Math.Max(1, candidateCount));
            metrics[$"novelty@{k}"] = BeyondAccuracy.Novelty(lists, usersPerItem, Math.Max(1, trainUsers));
            metrics[$"personalization@{k}"] = BeyondAccuracy.Personalization(lists);
            metrics[$"gini@{k}"] = BeyondAccuracy.Gini(lists, Math.Max(1, candidateCount));
            if (options.ItemVectors is { } vectors)
            {
                metrics[$"diversity@{k}"] = BeyondAccuracy.IntraListDiversity(lists, vectors);
            }
        }

        return new EvaluationResult(metrics, measured.Length, candidateCount);
    }

    private static UserFigures Measure(int user, float[] scores, Mask mask, EvaluationOptions options, UserItemMatrix seen, UserItemMatrix tested, int[] ks, int maxK)
    {
        var candidate = mask.Candidate;
        var seenItems = user < seen.UserCount ? seen.ItemsOf(user) : [];
        var testItems = tested.ItemsOf(user);
        var testValues = tested.ValuesOf(user);

        // TFRS's factorized top-k: each test interaction's rank among all candidates, nothing excluded,
        // ties in the positive's favour.
        var factorized = new long[ks.Length];
        int interactions = 0;
        for (int t = 0; t < testItems.Length; t++)
        {
            int greater = Counting.CountGreaterThan(scores, scores[testItems[t]]);
            interactions++;
            for (int k = 0; k < ks.Length; k++)
            {
                if (greater < ks[k])
                {
                    factorized[k]++;
                }
            }
        }

        var relevance = new Dictionary<int, double>();
        for (int t = 0; t < testItems.Length; t++)
        {
            float rating = testValues[t];
            if (options.RelevanceThreshold is { } threshold && rating < threshold)
            {
                continue;
            }

            if (!candidate[testItems[t]] || (options.ExcludeSeen && seenItems.BinarySearch(testItems[t]) >= 0))
            {
                continue;
            }

            relevance[testItems[t]] = options.GradedGain ? Math.Pow(2, rating) - 1 : 1;
        }

        // The candidates: the mask's items less the user's seen ones, counted without listing them.
        int excludedSeen = 0;
        if (options.ExcludeSeen)
        {
            foreach (int item in seenItems)
            {
                excludedSeen += candidate[item] ? 1 : 0;
            }
        }

        int candidateCount = mask.Count - excludedSeen;

        // As MyMediaLite: a user with nothing relevant to find, or only relevant items to rank, is not ranked.
        if (relevance.Count == 0 || relevance.Count == candidateCount)
        {
            return new UserFigures([], [], [], [], [], [], 0, factorized, interactions, [], Ranked: false);
        }

        var list = relevance.Count <= CountedRanking.MaxRelevant ? CountedRanking.Build(scores, relevance, candidateCount, Excluded(mask, seenItems, options.ExcludeSeen)) : null;
        list ??= new RankedList(Candidates(candidate, seenItems, options.ExcludeSeen, scores.Length), scores, relevance);
        var top = new int[Math.Min(maxK, candidateCount)];
        var seenArray = seenItems.ToArray();
        int found = TopK.Select(scores, top, i => !candidate[i] || (options.ExcludeSeen && Array.BinarySearch(seenArray, i) >= 0));
        return new UserFigures(
            [.. ks.Select(k => RankingMetrics.Precision(list, k))],
            [.. ks.Select(k => RankingMetrics.Recall(list, k))],
            [.. ks.Select(k => RankingMetrics.Ndcg(list, k))],
            [.. ks.Select(k => RankingMetrics.AveragePrecision(list, k))],
            [.. ks.Select(k => RankingMetrics.ReciprocalRank(list, k))],
            [.. ks.Select(k => RankingMetrics.HitRate(list, k))],
            RankingMetrics.Auc(list),
            factorized,
            interactions,
            top[..found],
            Ranked: true);
    }

    /// <summary>Counts the users done and reports to <see cref="EvaluationOptions.Progress"/> at most twice a second.</summary>
    private sealed class UserMeter(IProgress<EvaluationProgress>? sink, int total)
    {
        private static readonly long Interval = System.Diagnostics.Stopwatch.Frequency / 2;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private int _done;
        private long _next = Interval;

        public void Done()
        {
            if (sink is null)
            {
                return;
            }

            int done = Interlocked.Increment(ref _done);
            if (_clock.ElapsedTicks >= Interlocked.Read(ref _next) && _gate.TryEnter())
            {
                try
                {
                    _next = _clock.ElapsedTicks + Interval;
                    sink.Report(new EvaluationProgress(done, total, _clock.Elapsed));
                }
                finally
                {
                    _gate.Exit();
                }
            }
        }

        public void Finish() => sink?.Report(new EvaluationProgress(total, total, _clock.Elapsed));
    }

    /// <summary>The items that compete for a user, ascending.</summary>
    private static int[] Candidates(bool[] candidate, ReadOnlySpan<int> seenItems, bool excludeSeen, int items)
    {
        var candidates = new List<int>(items);
        for (int item = 0; item < items; item++)
        {
            if (candidate[item] && (!excludeSeen || seenItems.BinarySearch(item) < 0))
            {
                candidates.Add(item);
            }
        }

        return [.. candidates];
    }

    /// <summary>Every item that does not compete for a user: outside the mask, or seen (each once).</summary>
    private static int[] Excluded(Mask mask, ReadOnlySpan<int> seenItems, bool excludeSeen)
    {
        if (!excludeSeen)
        {
            return mask.Outside;
        }

        var excluded = new List<int>(mask.Outside.Length + seenItems.Length);
        excluded.AddRange(mask.Outside);
        foreach (int item in seenItems)
        {
            if (mask.Candidate[item])
            {
                excluded.Add(item);
            }
        }

        return [.. excluded];
    }

    /// <summary>The candidate mask with its count and the items outside it.</summary>
    private sealed class Mask(bool[] candidate)
    {
        public bool[] Candidate { get; } = candidate;

        public int Count { get; } = candidate.Count(c => c);

        public int[] Outside { get; } = [.. Enumerable.Range(0, candidate.Length).Where(i => !candidate[i])];
    }

    private static bool[] CandidateMask(Interactions train, Interactions test, EvaluationOptions options)
    {
        var mask = new bool[train.ItemCount];
        switch (options.Candidates)
        {
            case CandidateItems.All:
                Array.Fill(mask, true);
                break;
            case CandidateItems.Training:
                foreach (int item in train.ItemIndices)
                {
                    mask[item] = true;
                }

                break;
            default:
                foreach (int item in train.ItemIndices)
                {
                    mask[item] = true;
                }

                foreach (int item in test.ItemIndices)
                {
                    mask[item] = true;
                }

                break;
        }

        if (options.CandidateFilter is { } filter)
        {
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] &= filter(i);
            }
        }

        return mask;
    }

    private static double Mean(UserFigures[] figures, Func<UserFigures, double> value) => figures.Length == 0 ? 0 : figures.Average(value);

    private sealed record UserFigures(double[] Precision, double[] Recall, double[] Ndcg, double[] AveragePrecision, double[] ReciprocalRank, double[] HitRate, double Auc, long[] FactorizedHits, int Interactions, int[] TopItems, bool Ranked);
}

/// <summary>Writes a score for every item for <paramref name="user"/> (higher is better).</summary>
public delegate void ScoreFunction(int user, Span<float> scores);
