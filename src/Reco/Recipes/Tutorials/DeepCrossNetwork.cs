using System.Globalization;
using Reco.Data;
using Reco.Data.Features;
using Reco.Layers;
using Reco.Layers.Preprocessing;
using Reco.Models.Scoring;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's deep &amp; cross network (DCN-V2) tutorial on MovieLens: movie id, user id, zip code, occupation,
/// gender and age bucket each embedded in 32 values and concatenated, then a cross layer (full rank, or low
/// rank with a projection of 20) and ReLU layers of 192 and 192, or a plain network of three ReLU layers of
/// 192, and one output predicting the rating; the mean squared error, Adam 0.01, batches of 8,192, eight
/// epochs, five runs each; RMSE on the test share of a seeded 80/20 split (mean and standard deviation).
/// </summary>
public static class DeepCrossNetwork
{
    private static readonly double[] AgeBoundaries = [18, 25, 35, 45, 50, 56];

    /// <summary>Runs the tutorial.</summary>
    /// <param name="data">The ratings with the users' gender, age, occupation and zip code (MovieLens 100k's u.user or 1M's users.dat).</param>
    /// <param name="options">The settings; by default the tutorial's.</param>
    /// <param name="callbacks">Progress hooks for training.</param>
    /// <exception cref="ArgumentException">The data has no such user features.</exception>
    public static TutorialResult Run(DataSet data, DeepCrossNetworkOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        options ??= new DeepCrossNetworkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        var (all, train, test) = Prepare(data, options);
        var models = new (string Name, Func<ILayer[]> Layers)[]
        {
            ("DCN (stacked, full rank)", () => [new Cross(), .. Deep(options.DeepLayers)]),
            (string.Create(CultureInfo.InvariantCulture, $"DCN (low-rank, projection {options.ProjectionDim})"), () => [new Cross(options.ProjectionDim), .. Deep(options.DeepLayers)]),
            ($"DNN [{string.Join(", ", options.DnnLayers)}]", () => [.. Deep(options.DnnLayers)]),
        };
        // The first run starts from the seed itself and the others from seeds drawn from it, so the runs of two
        // seeds share no initial weights (seed + run would give seeds 1 and 2 four of their five starts in common).
        var seeds = new Random(options.Seed);
        int[] runSeeds = [.. Enumerable.Range(0, options.Runs).Select(run => run == 0 ? options.Seed : seeds.Next())];
        var rows = new List<TutorialRow>();
        foreach (var (name, layers) in models)
        {
            var rmses = new List<double>();
            History? last = null;
            double seconds = 0;
            for (int run = 0; run < options.Runs; run++)
            {
                RandomSeed.Set(runSeeds[run]);
                var model = new RankingModel<Features>(new Stacked<Features>(Embeddings(all, options.EmbeddingDim), [.. layers(), new Dense(1)]), new Ranking());
                model.Compile(options.Optimizer.Create());
                last = model.Fit(train, options.BatchSize, options.Epochs ?? 8, callbacks: callbacks);
                seconds += TutorialData.SecondsPerEpoch(last);
                rmses.Add(model.Evaluate(test, options.EvalBatchSize)["rmse"]);
            }

            double mean = rmses.Average();
            double std = Math.Sqrt(rmses.Average(r => (r - mean) * (r - mean)));
            rows.Add(new TutorialRow(name, new Dictionary<string, double> { ["rmse"] = mean, ["rmse_std"] = std }, options.Runs, options.Epochs ?? 8, seconds / options.Runs, last));
        }

        return new TutorialResult("dcn", rows[0].Metrics, rows, train.Length, test.Length);
    }

    /// <summary>
    /// The tutorial's examples: every rating (for the vocabularies), the training share in the order it is
    /// batched in every epoch and run, and the test share. Internal so that a peer implementation can be fed
    /// exactly the same data (<c>bench/peers/ranking_torch.py</c>).
    /// </summary>
    internal static ((Features Input, float Label)[] All, (Features Input, float Label)[] Train, (Features Input, float Label)[] Test) Prepare(DataSet data, DeepCrossNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        var interactions = data.Interactions;
        var users = data.Loaded.UserFeatures;
        string[] needed = ["gender", "age", "occupation", "zip"];
        if (users is null || needed.Any(n => !users.TryGetColumn(n, out _)))
        {
            throw new ArgumentException("The DCN tutorial needs the users' gender, age, occupation and zip code: load a MovieLens 100k or 1M folder (u.user or users.dat).");
        }

        var (trainRows, testRows) = TutorialData.Split(interactions, options, "dcn");
        return (Examples(interactions, users), TutorialData.Shuffled(Examples(trainRows, users), options.Seed), Examples(testRows, users));
    }

    /// <summary>One rating's features, as the tutorial's: movie id, user id, zip code, occupation, gender (1 male) and age bucket.</summary>
    /// <param name="Movie">The movie id.</param>
    /// <param name="User">The user id.</param>
    /// <param name="Zip">The user's zip code.</param>
    /// <param name="Occupation">The user's occupation.</param>
    /// <param name="Gender">1 for male, 0 otherwise.</param>
    /// <param name="AgeBucket">The user's age bucket (under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56 and over).</param>
    public readonly record struct Features(string Movie, string User, string Zip, string Occupation, long Gender, long AgeBucket);

    private static IEnumerable<ILayer> Deep(IReadOnlyList<int> layers) => layers.Select(units => new Dense(units, Activation.Relu));

    /// <summary>Each feature looked up in the vocabulary of its values over every rating and embedded; the embeddings concatenated.</summary>
    private static Concatenate<Features> Embeddings((Features Input, float Label)[] all, int dim)
    {
        ITower<Features> Text(Func<Features, string> select)
        {
            var lookup = new StringLookup(TutorialData.Unique(all.Select(x => select(x.Input))));
            return new Feature<Features, string>(select, new Sequential<string>(lookup, new Embedding(lookup.VocabularySize, dim)));
        }

        ITower<Features> Integer(Func<Features, long> select)
        {
            var lookup = new IntegerLookup(all.Select(x => select(x.Input)).Distinct().Order());
            return new Feature<Features, long>(select, new Sequential<long>(lookup, new Embedding(lookup.VocabularySize, dim)));
        }

        return new Concatenate<Features>(Text(x => x.Movie), Text(x => x.User), Text(x => x.Zip), Text(x => x.Occupation), Integer(x => x.Gender), Integer(x => x.AgeBucket));
    }

    private static (Features Input, float Label)[] Examples(Interactions rows, FeatureTable users)
    {
        var ages = new Discretization(AgeBoundaries);
        var examples = new (Features, float)[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            string user = rows.Users[rows.UserIndices[r]];
            int index = users.Keys.TryGetIndex(user, out int k) ? k : -1;
            string Value(string name) => users[name].ValueOf(index) ?? string.Empty;
            double age = double.TryParse(Value("age"), NumberStyles.Float, CultureInfo.InvariantCulture, out double a) ? a : 0;
            var features = new Features(rows.Items[rows.ItemIndices[r]], user, Value("zip"), Value("occupation"), Value("gender") == "M" ? 1 : 0, ages.Lookup(age));
            examples[r] = (features, rows.RatingAt(r));
        }

        return examples;
    }
}
