using Reco.Layers;
using Reco.Models.TwoTower;
using Reco.Tasks;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Models.TwoTower;

/// <summary>Catalogue and sampled negatives and the logQ correction, wired through the model, against direct computations.</summary>
public class NegativesTests
{
    private static readonly (string User, string Item)[] Pairs = [("a", "x"), ("b", "y"), ("a", "y"), ("c", "x"), ("a", "x"), ("b", "z")];
    private static readonly string[] Users = ["a", "b", "c"];
    private static readonly string[] Items = ["x", "y", "z", "w"];

    [Fact]
    public void CatalogueNegativesAreAnExactSoftmaxOverEveryTrainingCandidate()
    {
        var (u, m) = Weights(seed: 1);
        var model = Model(u, m, new Retrieval());
        model = new TwoTowerModel<string, string>(model.QueryModel, model.CandidateModel, model.Task) { Negatives = CandidateNegatives.Catalogue };
        var recorder = new RecordingOptimizer();
        model.Compile(recorder);
        double loss = model.Fit(Pairs, batchSize: Pairs.Length)["loss"][0];

        // The training data's candidates are x, y and z (w never appears): each pair's softmax is over those three.
        string[] catalogue = ["x", "y", "z"];
        double Loss(double[] users, double[] items)
        {
            double total = 0;
            foreach (var (user, item) in Pairs)
            {
                double z = catalogue.Sum(c => Math.Exp(Score(users, items, user, c)));
                total += Math.Log(z) - Score(users, items, user, item);
            }

            return total;
        }

        Assert.Equal(Loss(u, m), loss, 4);
        AssertMatches(FiniteDifferences(u, x => Loss(x, m)), recorder.GradientOf(model.QueryModel.Variables[0]), "users");
        AssertMatches(FiniteDifferences(m, x => Loss(u, x)), recorder.GradientOf(model.CandidateModel.Variables[0]), "items");
    }

    [Fact]
    public void SamplingBiasCorrectionSubtractsTheLogOfEachCandidatesShareOfThePairs()
    {
        var (u, m) = Weights(seed: 2);
        var model = Model(u, m, new Retrieval(samplingBiasCorrection: true));
        var recorder = new RecordingOptimizer();
        model.Compile(recorder);
        double loss = model.Fit(Pairs, batchSize: Pairs.Length)["loss"][0];

        // In-batch columns are the batch's candidates (with repeats); each logit is corrected by log q, q = count / pairs.
        double LogQ(string item) => Math.Log(Pairs.Count(p => p.Item == item) / (double)Pairs.Length);
        double Loss(double[] users, double[] items)
        {
            double total = 0;
            foreach (var (user, item) in Pairs)
            {
                double z = Pairs.Sum(column => Math.Exp(Score(users, items, user, column.Item) - LogQ(column.Item)));
                total += Math.Log(z) - (Score(users, items, user, item) - LogQ(item));
            }

            return total;
        }

        Assert.Equal(Loss(u, m), loss, 4);
        AssertMatches(FiniteDifferences(u, x => Loss(x, m)), recorder.GradientOf(model.QueryModel.Variables[0]), "users");
        AssertMatches(FiniteDifferences(m, x => Loss(u, x)), recorder.GradientOf(model.CandidateModel.Variables[0]), "items");
    }

    [Fact]
    public void MixedNegativesWithoutSamplesAreInBatchAndWithSamplesReproducible()
    {
        var (u, m) = Weights(seed: 3);
        double Run(CandidateNegatives negatives, int sampled, int seed)
        {
            var model = Model(u, m, new Retrieval());
            model = new TwoTowerModel<string, string>(model.QueryModel, model.CandidateModel, model.Task) { Negatives = negatives, SampledNegatives = sampled };
            model.Compile(new RecordingOptimizer());
            return model.Fit(Pairs, batchSize: 3, epochs: 2, seed: seed)["loss"][^1];
        }

        Assert.Equal(Run(CandidateNegatives.InBatch, 0, 1), Run(CandidateNegatives.Mixed, 0, 1), 6);
        Assert.Equal(Run(CandidateNegatives.Mixed, 5, 1), Run(CandidateNegatives.Mixed, 5, 1));
        Assert.True(Run(CandidateNegatives.Mixed, 5, 1) > Run(CandidateNegatives.InBatch, 0, 1));
    }

    [Fact]
    public void ExtraNegativesRefuseRowMasks()
    {
        var (u, m) = Weights(seed: 4);
        var model = Model(u, m, new Retrieval(removeAccidentalHits: true));
        model = new TwoTowerModel<string, string>(model.QueryModel, model.CandidateModel, model.Task) { Negatives = CandidateNegatives.Catalogue };
        model.Compile(new RecordingOptimizer());
        Assert.Throws<NotSupportedException>(() => model.Fit(Pairs, 2));
    }

    [Fact]
    public void TheCataloguesOptionsReachTheModel()
    {
        var model = TwoTowerModel.ForIds(new TwoTowerOptions { Negatives = CandidateNegatives.Mixed, SampledNegatives = 7, SamplingBiasCorrection = true, HardNegatives = 3, Temperature = 0.5f, Normalize = true });
        Assert.Equal((CandidateNegatives.Mixed, 7), (model.Negatives, model.SampledNegatives));
        Assert.True(model.Task.SamplingBiasCorrection);
        Assert.Equal((3, 0.5f), (model.Task.NumHardNegatives, model.Task.Temperature));
        var values = Reco.Models.AlgorithmOptions.Parse(Reco.Models.AlgorithmCatalog.Get("two-tower"), ["negatives=catalogue", "logq=false", "optimizer=adam:0.01", "momentum=0.5", "clip-norm=2"]).Values;
        var options = Assert.IsType<TwoTowerOptions>(values);
        Assert.Equal(CandidateNegatives.Catalogue, options.Negatives);
        Assert.Equal(Reco.Optimizers.OptimizerKind.Adam, options.Optimizer.Kind);
        Assert.Equal(2f, options.ClipNorm);
    }

    private static double Score(double[] users, double[] items, string user, string item)
    {
        int a = Array.IndexOf(Users, user) + 1, c = Array.IndexOf(Items, item) + 1;
        return Enumerable.Range(0, 2).Sum(k => users[(a * 2) + k] * items[(c * 2) + k]);
    }

    private static (double[] Users, double[] Items) Weights(int seed)
    {
        var random = new Random(seed);
        return (Uniform(random, (Users.Length + 1) * 2), Uniform(random, (Items.Length + 1) * 2));
    }

    private static TwoTowerModel<string, string> Model(double[] u, double[] m, Retrieval task) =>
        new(TestData.Tower(Users, ToFloats(u), 2), TestData.Tower(Items, ToFloats(m), 2), task);
}
