using System.Text;
using Reco.Data;
using Reco.Layers;
using Reco.Layers.Preprocessing;
using Reco.Optimizers;
using Reco.Recipes.Tutorials;

namespace Reco.Tests.Recipes.Tutorials;

/// <summary>
/// The tutorial recipes' models and defaults against TFRS's notebooks, layer for layer: vocabulary sizes with
/// the out-of-vocabulary row, the featurization towers, the dense stacks, the optimizers and batch sizes.
/// </summary>
[Collection(GlobalRandomSeed.Name)]
public class TutorialFidelityTests
{
    // 30 movies with 29 distinct titles: the last one repeats the first's title, as MovieLens 100k repeats 18.
    private const int DistinctTitles = 29;

    private static readonly Lazy<DataSet> Data = new(() =>
    {
        string folder = MovieLensFiles.Write(users: 16, movies: 30, ratingsPerUser: 8, seed: 5);
        var users = new StringBuilder();
        string[] occupations = ["writer", "technician", "other"];
        for (int u = 1; u <= 16; u++)
        {
            users.Append(u).Append('|').Append(15 + (u * 3)).Append('|').Append(u % 2 == 0 ? 'M' : 'F').Append('|').Append(occupations[u % 3]).Append('|').Append(20000 + u).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "u.user"), users.ToString());
        return DataSet.LoadMovieLens(folder);
    });

    [Fact]
    public void BasicRankingIsTheTutorialsModel()
    {
        var data = Data.Value.Interactions;
        var options = new BasicRankingOptions();
        var tower = Assert.IsType<Stacked<(string User, string Title)>>(BasicRanking.Model(data, options).Model);
        var parts = Assert.IsType<Concatenate<(string User, string Title)>>(tower.Input).Parts;

        // StringLookup(mask_token=None) + Embedding(len(vocabulary) + 1, 32): ids and titles (not movie ids), each with the OOV row.
        Assert.Equal([data.UserCount + 1, DistinctTitles + 1], parts.Select(p => EmbeddingOf(p).InputDim));
        Assert.All(parts, p => Assert.Equal(32, p.OutputDim));
        Assert.Equal([(256, Activation.Relu), (64, Activation.Relu), (1, Activation.Linear)], DenseLayers(tower.Layers));
        Assert.Equal(64, tower.Layers[0].InputDim);

        Assert.Equal(new OptimizerSettings(OptimizerKind.Adagrad, 0.1f), options.Optimizer);
        Assert.Equal((8192, 4096, 42, "random:0.8"), (options.BatchSize, options.EvalBatchSize, options.Seed, options.Split));
        Assert.Equal(3, BasicRanking.Run(data, options with { BatchSize = 64, Layers = [4] }).Rows[0].Epochs);
    }

    [Fact]
    public void QueryTowerIsTheFeaturizationTutorialsUserModel()
    {
        var data = Data.Value.Interactions;
        long[] times = [.. data.Timestamps];
        RandomSeed.Set(42);
        var tower = Assert.IsType<Stacked<(string User, long Timestamp)>>(FeatureTowers.Query(data, useTimestamps: true, [64, 32]));
        var parts = Assert.IsType<Concatenate<(string User, long Timestamp)>>(tower.Input).Parts;

        // The user's embedding, the embedding of the timestamp's bucket, the standardised timestamp: 65 values.
        Assert.Equal([32, 32, 1], parts.Select(p => p.OutputDim));
        Assert.Equal(data.UserCount + 1, EmbeddingOf(parts[0]).InputDim);

        // Discretization(np.linspace(min, max, num=1000)) + Embedding(len(buckets) + 1, 32).
        var buckets = Assert.IsType<Sequential<double>>(Assert.IsType<Feature<(string User, long Timestamp), double>>(parts[1]).Tower);
        var discretization = Assert.IsType<Discretization>(buckets.Lookup);
        Assert.Equal(1000, discretization.Boundaries.Count);
        Assert.Equal(((double)times.Min(), (double)times.Max()), (discretization.Boundaries[0], discretization.Boundaries[^1]));
        Assert.Equal(1001, buckets.Embedding.InputDim);

        // Normalization().adapt(every timestamp): the mean and the population variance.
        var normalization = Assert.IsType<Normalization>(Assert.IsType<Feature<(string User, long Timestamp), double>>(parts[2]).Tower);
        double mean = times.Average(t => (double)t);
        double variance = times.Average(t => ((double)t - mean) * ((double)t - mean));
        Assert.Equal(mean, normalization.Mean, 1e-3);
        Assert.Equal(variance, normalization.Variance, variance * 1e-9);

        // ReLU on all but the last layer, which projects linearly.
        Assert.Equal([(64, Activation.Relu), (32, Activation.Linear)], DenseLayers(tower.Layers));
        Assert.Equal(65, tower.Layers[0].InputDim);

        var baseline = Assert.IsType<Stacked<(string User, long Timestamp)>>(FeatureTowers.Query(data, useTimestamps: false, [32]));
        Assert.Equal(32, baseline.Input.OutputDim);
        Assert.Equal([(32, Activation.Linear)], DenseLayers(baseline.Layers));
    }

    [Fact]
    public void CandidateTowerIsTheFeaturizationTutorialsMovieModel()
    {
        var data = Data.Value.Interactions;
        RandomSeed.Set(42);
        var tower = Assert.IsType<Stacked<string>>(FeatureTowers.Candidate(data, [32]));
        var parts = Assert.IsType<Concatenate<string>>(tower.Input).Parts;
        Assert.Equal(DistinctTitles + 1, Assert.IsType<Sequential<string>>(parts[0]).Embedding.InputDim);

        // TextVectorization(max_tokens=10_000) + Embedding(10_000, 32, mask_zero=True) + GlobalAveragePooling1D():
        // the mean of the words' embeddings, padding (index 0) never among them.
        var words = Assert.IsType<PooledEmbedding<string>>(parts[1]);
        Assert.Equal(10_000, words.Embedding.InputDim);
        const string title = "Señorita (1996)";
        int[] tokens = words.Tokens(title);
        Assert.Equal(2, tokens.Length);
        Assert.DoesNotContain(0, tokens);
        var pooled = new float[32];
        words.Call([title], pooled);
        for (int k = 0; k < 32; k++)
        {
            Assert.Equal((words.Embedding[tokens[0]][k] + words.Embedding[tokens[1]][k]) / 2.0, pooled[k], 6);
        }

        Assert.Equal([(32, Activation.Linear)], DenseLayers(tower.Layers));
        Assert.Equal(64, tower.Layers[0].InputDim);
    }

    [Fact]
    public void RetrievalTutorialsTrainAsTfrsDoes()
    {
        foreach (var (optimizer, batch, evalBatch) in new[]
        {
            (new ContextFeaturesOptions().Optimizer, new ContextFeaturesOptions().BatchSize, new ContextFeaturesOptions().EvalBatchSize),
            (new DeepRecommendersOptions().Optimizer, new DeepRecommendersOptions().BatchSize, new DeepRecommendersOptions().EvalBatchSize),
        })
        {
            Assert.Equal((new OptimizerSettings(OptimizerKind.Adagrad, 0.1f), 2048, 4096), (optimizer, batch, evalBatch));
        }

        Assert.Equal(new[] { new[] { 32 }, new[] { 64, 32 }, new[] { 128, 64, 32 } }, new DeepRecommendersOptions().LayerSizes.Select(l => l.ToArray()));
        var adagrad = Assert.IsType<Adagrad>(new ContextFeaturesOptions().Optimizer.Create());
        Assert.Equal((0.1f, 0.1f, 1e-7f), (adagrad.LearningRate, adagrad.InitialAccumulatorValue, adagrad.Epsilon));

        var result = ContextFeatures.Run(Data.Value.Interactions, new ContextFeaturesOptions { BatchSize = 64 });
        Assert.All(result.Rows, r => Assert.Equal(3, r.Epochs));
    }

    [Fact]
    public void DeepCrossNetworkTrainsAsTfrsDoes()
    {
        var options = new DeepCrossNetworkOptions();
        Assert.Equal((5, 32, 20), (options.Runs, options.EmbeddingDim, options.ProjectionDim));
        Assert.Equal([192, 192], options.DeepLayers);
        Assert.Equal([192, 192, 192], options.DnnLayers);
        Assert.Equal((new OptimizerSettings(OptimizerKind.Adam, 0.01f), 8192, 4096), (options.Optimizer, options.BatchSize, options.EvalBatchSize));

        // Keras's Adam: β 0.9 and 0.999, ε 1e-7, every moment of an embedding table decaying at each step.
        var adam = Assert.IsType<Adam>(options.Optimizer.Create());
        Assert.Equal((0.9f, 0.999f, 1e-7f, false), (adam.Beta1, adam.Beta2, adam.Epsilon, adam.Lazy));

        var result = DeepCrossNetwork.Run(Data.Value, options with { Runs = 1, BatchSize = 64, DeepLayers = [4], DnnLayers = [4], ProjectionDim = 2 });
        Assert.All(result.Rows, r => Assert.Equal(8, r.Epochs));
        Assert.All(result.Rows, r => Assert.Equal(8, r.History!.Epochs.Count));
    }

    private static Embedding EmbeddingOf<TRecord>(ITower<TRecord> part) =>
        Assert.IsType<Sequential<string>>(Assert.IsType<Feature<TRecord, string>>(part).Tower).Embedding;

    private static (int Units, Activation Activation)[] DenseLayers(IEnumerable<ILayer> layers) =>
        [.. layers.Select(l => Assert.IsType<Dense>(l)).Select(d => (d.OutputDim, d.Activation))];
}
