using Reco.Data;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.TwoTower;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's sequential-retrieval tutorial on any rated data with times: each user's ratings (of at least 2) in
/// time order form a timeline; every movie after the first is a label whose context is the up to 10 movies
/// before it. Each user's last movie is held out as the test label (the split is by time, not random), and the
/// earlier ones train a GRU query tower over the context against a movie-id candidate tower with the
/// retrieval task (Adagrad 0.1, batches of 12,800, three epochs). FactorizedTopK of the next movie (top 10,
/// 50, 100 among every movie) is compared with popularity and with a plain two-tower model over user ids
/// trained the same way on the same earlier ratings.
/// </summary>
public static class SequentialRetrieval
{
    private static readonly int[] Ks = [10, 50, 100];

    /// <summary>Runs the tutorial.</summary>
    /// <exception cref="ArgumentException">The interactions have no times.</exception>
    public static TutorialResult Run(Interactions data, SequentialRetrievalOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SequentialRetrievalOptions();
        if (!data.HasTimestamps)
        {
            throw new ArgumentException("The sequential tutorial orders each user's ratings by time, and this data has no times.");
        }

        var (train, tests, history) = Examples(data, options);
        var test = tests.Select(t => ((IReadOnlyList<string>)t.Context, t.Label)).ToArray();
        var movies = Enumerable.Range(0, data.ItemCount).Select(i => data.Items[i]).ToArray();
        int epochs = options.Epochs ?? 3;
        var rows = new List<TutorialRow>();

        // The GRU over each user's recent movies.
        RandomSeed.Set(options.Seed);
        var vocabulary = new StringLookup(TutorialData.Unique(movies));
        int d = options.EmbeddingDim;
        var queryModel = new RecurrentTower<string>(vocabulary, new Embedding(vocabulary.VocabularySize, d), new Gru(d, d));
        var candidateModel = new Sequential<string>(vocabulary, new Embedding(vocabulary.VocabularySize, d));
        var model = new TwoTowerModel<IReadOnlyList<string>, string>(queryModel, candidateModel, new Retrieval(metrics: new FactorizedTopK<string>(movies, candidateModel, Ks)));
        model.Compile(options.Optimizer.Create());
        var fit = model.Fit(train, options.BatchSize, epochs, shuffle: true, seed: options.Seed, callbacks: callbacks, computeMetrics: false);
        var headline = model.Evaluate(test, options.EvalBatchSize);
        rows.Add(TutorialData.Row($"GRU over the last {options.ContextLength} movies", fit, headline));

        // A plain two-tower model over user ids, trained the same way on the same earlier ratings.
        RandomSeed.Set(options.Seed);
        var users = new StringLookup(TutorialData.Unique(history.Select(h => h.User)));
        var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, d));
        var itemModel = new Sequential<string>(vocabulary, new Embedding(vocabulary.VocabularySize, d));
        var plain = new TwoTowerModel<string, string>(userModel, itemModel, new Retrieval(metrics: new FactorizedTopK<string>(movies, itemModel, Ks)));
        plain.Compile(options.Optimizer.Create());
        var plainFit = plain.Fit(history, options.BatchSize, epochs, shuffle: true, seed: options.Seed, callbacks: callbacks, computeMetrics: false);
        var testByUser = tests.Select(t => (t.User, t.Label)).ToArray();
        rows.Add(TutorialData.Row("two-tower over user ids", plainFit, plain.Evaluate(testByUser, options.EvalBatchSize)));

        // Popularity: every user gets the most rated movies of the earlier ratings.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, movie) in history)
        {
            counts[movie] = counts.GetValueOrDefault(movie) + 1;
        }

        var popularity = movies.Select(m => counts.GetValueOrDefault(m)).ToArray();
        var hits = new double[Ks.Length];
        foreach (var (_, label) in test)
        {
            int own = counts.GetValueOrDefault(label);
            int rank = popularity.Count(c => c > own);
            for (int k = 0; k < Ks.Length; k++)
            {
                hits[k] += rank < Ks[k] ? 1 : 0;
            }
        }

        rows.Add(new TutorialRow("popularity", Ks.Select((k, i) => (k, i)).ToDictionary(x => $"factorized_top_k@{x.k}", x => hits[x.i] / test.Length), 1, 0, 0, null));
        return new TutorialResult("sequential", headline, rows, train.Length, test.Length);
    }

    /// <summary>The (context, next movie) examples: training ones from every position but each user's last, the test one from the last; and the earlier (user, movie) ratings.</summary>
    private static ((IReadOnlyList<string> Query, string Candidate)[] Train, (string User, string[] Context, string Label)[] Test, (string User, string Movie)[] History) Examples(Interactions data, SequentialRetrievalOptions options)
    {
        var train = new List<(IReadOnlyList<string>, string)>();
        var test = new List<(string, string[], string)>();
        var history = new List<(string, string)>();
        var timelines = Enumerable.Range(0, data.Count)
            .Where(r => data.RatingAt(r) >= options.MinRating)
            .GroupBy(r => data.UserIndices[r])
            .OrderBy(g => g.Key);
        foreach (var timeline in timelines)
        {
            var events = timeline.OrderBy(r => data.Timestamps[r]).ThenBy(r => r).Select(r => data.Items[data.ItemIndices[r]]).ToArray();
            if (events.Length < options.MinTimelineLength)
            {
                continue;
            }

            string user = data.Users[timeline.Key];
            for (int t = 0; t < events.Length; t++)
            {
                if (t < events.Length - 1)
                {
                    history.Add((user, events[t]));
                }

                if (t == 0)
                {
                    continue;
                }

                var context = events[Math.Max(0, t - options.ContextLength)..t];
                if (t == events.Length - 1)
                {
                    test.Add((user, context, events[t]));
                }
                else
                {
                    train.Add((context, events[t]));
                }
            }
        }

        return ([.. train], [.. test], [.. history]);
    }
}
