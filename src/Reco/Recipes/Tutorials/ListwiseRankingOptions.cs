using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's listwise-ranking tutorial (its defaults are the tutorial's).</summary>
public sealed record ListwiseRankingOptions : TutorialOptions
{
    /// <summary>Lists sampled per user from the training share.</summary>
    public int TrainListsPerUser { get; init; } = 50;

    /// <summary>Lists sampled per user from the test share.</summary>
    public int TestListsPerUser { get; init; } = 1;

    /// <summary>Movies per list.</summary>
    public int ListSize { get; init; } = 5;

    /// <summary>Length of the user and movie embeddings.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>Units of the score model's ReLU layers.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [256, 64];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training lists per batch.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Test lists per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
