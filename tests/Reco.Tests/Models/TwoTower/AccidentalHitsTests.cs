using Reco.Data;
using Reco.Layers;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;

namespace Reco.Tests.Models.TwoTower;

/// <summary>Retrieval with <c>removeAccidentalHits</c>: the loss of the full in-batch logits with each row's duplicates masked.</summary>
public class AccidentalHitsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ModelLossOnABatchIsTheDenseReference(bool removeAccidentalHits)
    {
        // Popular items repeat within the batch, so masking changes the loss.
        var pairs = TestData.ClusteredInteractions(users: 10, items: 8, clusters: 2, perUser: 3, seed: 6);
        var model = Build(pairs, removeAccidentalHits, temperature: 0.7f);
        model.Fit(pairs, batchSize: 8, epochs: 2);

        var queries = pairs.Select(p => Embed(model.QueryModel, p.User)).ToArray();
        var candidates = pairs.Select(p => Embed(model.CandidateModel, p.Item)).ToArray();
        var ids = pairs.Select(p => p.Item).ToArray();
        double expected = InBatchLoss(queries, candidates, ids, removeAccidentalHits, 0.7);
        double other = InBatchLoss(queries, candidates, ids, !removeAccidentalHits, 0.7);
        Assert.True(Math.Abs(expected - other) > 0.5, $"masking should matter here: {expected} vs {other}");

        Assert.Equal(expected, model.Evaluate(pairs, batchSize: pairs.Length)["loss"], 1e-4 * Math.Abs(expected));

        // Several batches: the mean of the batches' summed losses, as Keras reports it.
        double mean = pairs.Chunk(8).Select((chunk, c) => InBatchLoss(queries[(c * 8)..((c * 8) + chunk.Length)], candidates[(c * 8)..((c * 8) + chunk.Length)], ids[(c * 8)..((c * 8) + chunk.Length)], removeAccidentalHits, 0.7)).Average();
        Assert.Equal(mean, model.Evaluate(pairs, batchSize: 8)["loss"], 1e-4 * Math.Abs(mean));
    }

    [Fact]
    public void TrainingWithAccidentalHitsRemovedLowersTheLoss()
    {
        var pairs = TestData.ClusteredInteractions(users: 30, items: 24, clusters: 3, perUser: 8, seed: 7);
        var model = Build(pairs, removeAccidentalHits: true, temperature: 1f);
        var history = model.Fit(pairs, batchSize: 32, epochs: 8);
        Assert.True(history["loss"][^1] < 0.8 * history["loss"][0], string.Join(", ", history["loss"]));
        Assert.True(model.Task.RemoveAccidentalHits);
    }

    [Fact]
    public void GradientsOfTheMaskedLossMatchFiniteDifferencesPerDistinctEmbedding()
    {
        // Six pairs over three distinct queries and three distinct candidates; candidate 0 is the positive
        // of three pairs, so each of those rows masks the other two.
        int[] querySlots = [0, 1, 0, 2, 1, 2];
        int[] candidateSlots = [0, 0, 1, 2, 0, 1];
        const int d = 3;
        var random = new Random(9);
        var queries = DenseTestsValues(random, 3 * d);
        var candidates = DenseTestsValues(random, 3 * d);
        var task = new Retrieval(temperature: 0.5f, removeAccidentalHits: true);

        double Loss(double[] q, double[] c) => InBatchLoss(
            [.. querySlots.Select(s => q[(s * d)..((s + 1) * d)])],
            [.. candidateSlots.Select(s => c[(s * d)..((s + 1) * d)])],
            [.. candidateSlots.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            removeAccidentalHits: true,
            temperature: 0.5);

        var queryGradient = new float[3 * d];
        var candidateGradient = new float[3 * d];
        double loss = task.ComputeLoss(querySlots, candidateSlots, ToFloats(queries), 3, ToFloats(candidates), 3, d, queryGradient, candidateGradient);

        Assert.Equal(Loss(queries, candidates), loss, 1e-5);
        Layers.DenseTests.AssertMatches(Layers.DenseTests.FiniteDifferences(queries, q => Loss(q, candidates)), [.. queryGradient.Select(g => (double)g)], "queries");
        Layers.DenseTests.AssertMatches(Layers.DenseTests.FiniteDifferences(candidates, c => Loss(queries, c)), [.. candidateGradient.Select(g => (double)g)], "candidates");
    }

    private static TwoTowerModel<string, string> Build((string User, string Item)[] pairs, bool removeAccidentalHits, float temperature)
    {
        var users = new StringLookup(pairs.Select(p => p.User).Distinct());
        var items = new StringLookup(pairs.Select(p => p.Item).Distinct());
        var model = new TwoTowerModel<string, string>(
            new Sequential<string>(users, new Embedding(users.VocabularySize, 6, seed: 1)),
            new Sequential<string>(items, new Embedding(items.VocabularySize, 6, seed: 2)),
            new Retrieval(temperature: temperature, removeAccidentalHits: removeAccidentalHits));
        model.Compile(new Adagrad(0.3f));
        return model;
    }

    private static double[] DenseTestsValues(Random random, int n) => Layers.DenseTests.Uniform(random, n);

    private static float[] ToFloats(double[] values) => Layers.DenseTests.ToFloats(values);
}
