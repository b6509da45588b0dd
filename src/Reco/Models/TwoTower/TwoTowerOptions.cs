using Reco.Models.Options;
using Reco.Optimizers;

namespace Reco.Models.TwoTower;

/// <summary>
/// Hyper-parameters of the catalogue's two-tower model (user-id and item-id embedding towers) and the
/// training settings any two-tower model uses when fitted through <see cref="IRecommender.Fit"/>. The
/// defaults are those of TFRS's basic-retrieval tutorial.
/// </summary>
public sealed record TwoTowerOptions
{
    /// <summary>Length of both towers' embeddings.</summary>
    [Hyperparameter("dim", "Embedding length.", Minimum = 1)]
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>Passes over the training interactions.</summary>
    [Hyperparameter("epochs", "Passes over the training data.", Minimum = 1)]
    public int Epochs { get; init; } = 3;

    /// <summary>Interactions per batch; each batch's other candidates are the negatives.</summary>
    [Hyperparameter("batch-size", "Interactions per batch (the in-batch negatives).", Minimum = 1)]
    public int BatchSize { get; init; } = 8192;

    /// <summary>The optimizer and its learning rate.</summary>
    [Hyperparameter("optimizer", "Optimizer and learning rate (adagrad:RATE or sgd:RATE).")]
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Seed of the initial weights and of the shuffle.</summary>
    [Hyperparameter("seed", "Seed of initial weights and shuffling.")]
    public int Seed { get; init; } = 42;

    /// <summary>Reshuffle the interactions before every epoch.</summary>
    [Hyperparameter("shuffle", "Reshuffle the interactions before every epoch.")]
    public bool Shuffle { get; init; } = true;

    /// <summary>Softmax temperature of the retrieval loss.</summary>
    [Hyperparameter("temperature", "Softmax temperature of the retrieval loss.", Minimum = 0, ExclusiveMinimum = true)]
    public float Temperature { get; init; } = 1f;
}
