using Reco.Optimizers;

namespace Reco.Recipes;

/// <summary>The settings of TFRS's basic-retrieval tutorial (its defaults are the tutorial's).</summary>
public sealed record BasicRetrievalOptions
{
    /// <summary>How the test ratings are held out: a single-fold protocol, by default <c>random:0.8</c>.</summary>
    public string Split { get; init; } = "random:0.8";

    /// <summary>Seed of the split and of the initial weights.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Length of the user and movie embeddings.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch (the in-batch negatives).</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Batch size of the held-out loss.</summary>
    public int EvalBatchSize { get; init; } = 4096;

    /// <summary>Passes over the training ratings.</summary>
    public int Epochs { get; init; } = 3;
}
