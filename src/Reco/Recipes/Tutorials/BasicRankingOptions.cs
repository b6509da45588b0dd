using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's basic-ranking tutorial (its defaults are the tutorial's).</summary>
public sealed record BasicRankingOptions : TutorialOptions
{
    /// <summary>Length of the user and movie embeddings.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>Units of the ReLU layers between the embeddings and the predicted rating.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [256, 64];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
