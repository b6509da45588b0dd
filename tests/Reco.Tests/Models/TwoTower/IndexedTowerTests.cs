using Reco.Data;
using Reco.Layers;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Tests.Models.TwoTower;

/// <summary>
/// Training feeds id towers the rows looked up once per fit; the same towers seen only through
/// <see cref="ITower{TInput}"/> (inputs looked up on every batch) must train to the same weights.
/// </summary>
public class IndexedTowerTests
{
    [Theory]
    [InlineData(CandidateNegatives.InBatch, 7, true)]
    [InlineData(CandidateNegatives.InBatch, 64, false)]
    [InlineData(CandidateNegatives.Mixed, 16, true)]
    [InlineData(CandidateNegatives.Catalogue, 32, true)]
    public void RowsLookedUpOncePerFitTrainAsInputsLookedUpEveryBatch(CandidateNegatives negatives, int batchSize, bool logQ)
    {
        var data = TwoTowerTestData.Clustered(users: 30, items: 25, perUser: 9, seed: 3);
        var pairs = Enumerable.Range(0, data.Count).Select(r => (data.Users[data.UserIndices[r]], data.Items[data.ItemIndices[r]])).ToArray();

        var (indexedLosses, indexedWeights) = Train(pairs, data, negatives, batchSize, logQ, plain: false);
        var (plainLosses, plainWeights) = Train(pairs, data, negatives, batchSize, logQ, plain: true);

        Assert.Equal(plainLosses, indexedLosses);
        Assert.Equal(plainWeights.Length, indexedWeights.Length);
        for (int v = 0; v < plainWeights.Length; v++)
        {
            Assert.Equal(plainWeights[v], indexedWeights[v]);
        }
    }

    private static (double[] Losses, float[][] Weights) Train((string, string)[] pairs, Interactions data, CandidateNegatives negatives, int batchSize, bool logQ, bool plain)
    {
        ITower<string> users = Tower(data.Users.Ids, seed: 11);
        ITower<string> items = Tower(data.Items.Ids, seed: 12);
        var task = new Retrieval(temperature: 0.5f, samplingBiasCorrection: logQ);
        var model = new TwoTowerModel<string, string>(plain ? new Plain(users) : users, plain ? new Plain(items) : items, task)
        {
            Negatives = negatives,
            SampledNegatives = 5,
        };
        model.Compile(new Adagrad(0.2f));
        var history = model.Fit(pairs, batchSize, epochs: 3, shuffle: true, seed: 9);
        return ([.. history["loss"]], [.. users.Variables.Concat(items.Variables).Select(v => v.Values.ToArray())]);
    }

    private static Sequential<string> Tower(IReadOnlyList<string> ids, int seed)
    {
        var lookup = new StringLookup(ids);
        return new Sequential<string>(lookup, new Embedding(lookup.VocabularySize, 8, seed), new L2Normalize());
    }

    /// <summary>A tower seen only through <see cref="ITower{TInput}"/>.</summary>
    private sealed class Plain(ITower<string> inner) : ITower<string>
    {
        public int OutputDim => inner.OutputDim;

        public IReadOnlyList<Variable> Variables => inner.Variables;

        public void Call(ReadOnlySpan<string> inputs, Span<float> embeddings) => inner.Call(inputs, embeddings);

        public void Forward(ReadOnlySpan<string> inputs, Span<float> embeddings) => inner.Forward(inputs, embeddings);

        public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer) => inner.Backward(embeddingGradient, optimizer);
    }
}
