using Reco.Data;
using Reco.Layers;
using Reco.Losses;
using Reco.Metrics;
using Reco.Models.Scoring;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's listwise-ranking tutorial: each user's ratings sampled into lists (50 lists of 5 movies per user
/// from the training share, 1 from the test share; users with fewer than 5 ratings left out), the basic-ranking
/// model scoring every (user, movie) of a list, trained for 30 epochs (Adagrad 0.1, batches of 8,192 lists)
/// with three losses — the pointwise mean squared error, the pairwise hinge loss and the listwise ListMLE —
/// and compared by NDCG of the test lists (with RMSE beside it). ListMLE is the headline.
/// </summary>
public static class ListwiseRanking
{
    /// <summary>Runs the tutorial.</summary>
    public static TutorialResult Run(Interactions data, ListwiseRankingOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ListwiseRankingOptions();
        var (trainRows, testRows) = TutorialData.Split(data, options, "listwise");
        var train = TutorialData.Shuffled(SampleLists(trainRows, options.TrainListsPerUser, options.ListSize, options.Seed), options.Seed);
        var test = SampleLists(testRows, options.TestListsPerUser, options.ListSize, options.Seed);
        var losses = new (string Name, Func<RankingLoss> Loss)[]
        {
            ("mean squared error", () => new MeanSquaredError()),
            ("pairwise hinge", () => new PairwiseHingeLoss()),
            ("ListMLE", () => new ListMleLoss(options.Seed)),
        };
        var rows = new List<TutorialRow>();
        foreach (var (name, loss) in losses)
        {
            RandomSeed.Set(options.Seed);
            var model = BasicRanking.Model(data, new BasicRankingOptions { EmbeddingDim = options.EmbeddingDim, Layers = options.Layers });
            var listwise = new RankingModel<(string User, string Title)>(model.Model, new Ranking(loss(), [new Ndcg(), new RootMeanSquaredError()]));
            listwise.Compile(options.Optimizer.Create());
            var history = listwise.FitLists(train, options.BatchSize, options.Epochs ?? 30, callbacks: callbacks);
            rows.Add(TutorialData.Row(name, history, listwise.EvaluateLists(test, options.EvalBatchSize)));
        }

        return new TutorialResult("listwise", rows[^1].Metrics, rows, train.Length, test.Length);
    }

    /// <summary>
    /// TFRS's <c>sample_listwise</c>: for every user with at least <paramref name="listSize"/> ratings,
    /// <paramref name="listsPerUser"/> lists of <paramref name="listSize"/> of their ratings drawn without replacement.
    /// </summary>
    public static ((string User, string Title)[] Items, float[] Labels)[] SampleLists(Interactions rows, int listsPerUser, int listSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(listsPerUser, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(listSize, 1);
        var random = new Random(seed);
        var byUser = Enumerable.Range(0, rows.Count).GroupBy(r => rows.UserIndices[r]).OrderBy(g => g.Key).ToArray();

        // Checked before drawing: a careless count (int.MaxValue lists a user) would otherwise run until memory runs out.
        long total = (long)byUser.Count(g => g.Count() >= listSize) * listsPerUser;
        double bytes = total * ((listSize * 20.0) + 80);
        if (total > Array.MaxLength || bytes > Models.MemoryEstimate.Available)
        {
            string limit = total > Array.MaxLength
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"more than one array can hold ({Array.MaxLength:N0})")
                : $"about {Models.MemoryEstimate.Size(bytes)}, more than this machine offers ({Models.MemoryEstimate.Size(Models.MemoryEstimate.Available)})";
            throw new ArgumentOutOfRangeException(nameof(listsPerUser), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{listsPerUser:N0} lists a user would make {total:N0} lists of {listSize}, {limit}; sample fewer lists a user."));
        }

        var lists = new List<((string, string)[], float[])>();
        foreach (var group in byUser)
        {
            var ratings = group.ToArray();
            if (ratings.Length < listSize)
            {
                continue;
            }

            for (int l = 0; l < listsPerUser; l++)
            {
                var pool = (int[])ratings.Clone();

                // A partial Fisher–Yates shuffle draws listSize ratings without replacement.
                for (int i = 0; i < listSize; i++)
                {
                    int j = i + random.Next(pool.Length - i);
                    (pool[i], pool[j]) = (pool[j], pool[i]);
                }

                var chosen = pool[..listSize];
                lists.Add(([.. chosen.Select(r => (rows.Users[rows.UserIndices[r]], rows.Items.LabelOf(rows.ItemIndices[r])))], [.. chosen.Select(rows.RatingAt)]));
            }
        }

        return [.. lists];
    }
}
