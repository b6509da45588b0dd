using Reco.Data;
using Reco.Layers;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Models.TwoTower;

/// <summary>
/// The two-tower retrieval model (user-id tower, item-id tower, in-batch softmax) behind the common
/// <see cref="IRecommender"/> contract, so it can be evaluated and compared with every other model.
/// </summary>
/// <param name="embeddingDim">Length of both towers' embeddings.</param>
/// <param name="epochs">Passes over the training interactions.</param>
/// <param name="batchSize">Interactions per batch (the in-batch negatives).</param>
/// <param name="optimizer">Optimizer specification, for example <c>adagrad:0.1</c>.</param>
/// <param name="seed">Seed of the initial weights and of the shuffle.</param>
/// <param name="shuffle">Reshuffle the interactions before every epoch.</param>
public sealed class TwoTowerRecommender(int embeddingDim = 32, int epochs = 3, int batchSize = 8192, string optimizer = "adagrad:0.1", int seed = 42, bool shuffle = true) : IRecommender
{
    private float[] _itemEmbeddings = [];
    private float[] _userEmbeddings = [];

    /// <inheritdoc/>
    public string Name => "two-tower";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>The trained model, after <see cref="Fit"/>.</summary>
    public TwoTowerModel<string, string>? Model { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        RandomSeed.Set(seed);
        var users = new StringLookup(train.Users.Ids);
        var items = new StringLookup(train.Items.Ids);
        var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, embeddingDim));
        var itemModel = new Sequential<string>(items, new Embedding(items.VocabularySize, embeddingDim));
        var model = new TwoTowerModel<string, string>(userModel, itemModel, new Retrieval());
        model.Compile(OptimizerSpec.Parse(optimizer));
        var pairs = new (string, string)[train.Count];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (train.Users[train.UserIndices[i]], train.Items[train.ItemIndices[i]]);
        }

        model.Fit(pairs, batchSize, epochs, shuffle, seed, callbacks);

        // Embeddings in the interactions' own index order, for scoring.
        int d = embeddingDim;
        _userEmbeddings = new float[train.UserCount * d];
        _itemEmbeddings = new float[train.ItemCount * d];
        userModel.Embedding.Gather([.. Enumerable.Range(0, train.UserCount).Select(u => users.Lookup(train.Users[u]))], _userEmbeddings);
        itemModel.Embedding.Gather([.. Enumerable.Range(0, train.ItemCount).Select(i => items.Lookup(train.Items[i]))], _itemEmbeddings);
        Model = model;
        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = TrainingData ?? throw new InvalidOperationException("Fit the model first.");
        int d = embeddingDim;
        var u = _userEmbeddings.AsSpan(user * d, d);
        for (int i = 0; i < train.ItemCount; i++)
        {
            scores[i] = System.Numerics.Tensors.TensorPrimitives.Dot(u, _itemEmbeddings.AsSpan(i * d, d));
        }
    }
}
