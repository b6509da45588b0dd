using Reco.Data;
using Reco.Layers;
using Reco.Models.Scoring;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>
/// TFRS's basic-ranking tutorial: user-id and title embeddings concatenated, ReLU layers of 256 and 64 units
/// and one output predicting the rating, the mean squared error (RMSE metric), Adagrad 0.1, batches of 8,192,
/// three epochs on the training share of a seeded 80/20 split, then RMSE on the test share.
/// </summary>
public static class BasicRanking
{
    /// <summary>Runs the tutorial.</summary>
    /// <param name="data">The ratings.</param>
    /// <param name="options">The settings; by default the tutorial's.</param>
    /// <param name="callbacks">Progress hooks for training.</param>
    public static TutorialResult Run(Interactions data, BasicRankingOptions? options = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        options ??= new BasicRankingOptions();
        var (train, test) = Prepare(data, options);
        RandomSeed.Set(options.Seed);
        var model = Model(data, options);
        model.Compile(options.Optimizer.Create());
        var history = model.Fit(train, options.BatchSize, options.Epochs ?? 3, callbacks: callbacks);
        var metrics = model.Evaluate(test, options.EvalBatchSize);
        return new TutorialResult("basic-ranking", metrics, [TutorialData.Row("ranking model (user id, title → rating)", history, metrics)], train.Length, test.Length);
    }

    /// <summary>The tutorial's model: both embeddings concatenated, then the dense layers down to one rating.</summary>
    public static RankingModel<(string User, string Title)> Model(Interactions data, BasicRankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var users = new StringLookup(TutorialData.UserIds(data));
        var titles = new StringLookup(TutorialData.Unique(TutorialData.Titles(data)));
        var embeddings = new Concatenate<(string User, string Title)>(
            new Feature<(string User, string Title), string>(x => x.User, new Sequential<string>(users, new Embedding(users.VocabularySize, options.EmbeddingDim))),
            new Feature<(string User, string Title), string>(x => x.Title, new Sequential<string>(titles, new Embedding(titles.VocabularySize, options.EmbeddingDim))));
        ILayer[] layers = [.. options.Layers.Select(units => new Dense(units, Activation.Relu)), new Dense(1)];
        return new RankingModel<(string User, string Title)>(new Stacked<(string User, string Title)>(embeddings, layers), new Ranking(), (user, item) => (user, data.Items.LabelOf(data.Items.IndexOf(item))));
    }

    /// <summary>
    /// The tutorial's examples: the training share in the order it is batched in every epoch (TFRS shuffles it
    /// once, then batches and caches it), and the test share. Internal so that a peer implementation can be fed
    /// exactly the same data (<c>bench/peers/ranking_torch.py</c>).
    /// </summary>
    internal static (((string User, string Title) Input, float Label)[] Train, ((string User, string Title) Input, float Label)[] Test) Prepare(Interactions data, BasicRankingOptions options)
    {
        var (trainRows, testRows) = TutorialData.Split(data, options, "basic-ranking");
        return (TutorialData.Shuffled(Examples(trainRows), options.Seed), Examples(testRows));
    }

    private static ((string User, string Title) Input, float Label)[] Examples(Interactions rows) =>
        [.. Enumerable.Range(0, rows.Count).Select(r => TutorialData.Row(rows, r)).Select(x => ((x.User, x.Title), x.Rating))];
}
