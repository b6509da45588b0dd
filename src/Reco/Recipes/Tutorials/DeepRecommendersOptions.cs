using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's deep-recommenders tutorial (its defaults are the tutorial's).</summary>
public sealed record DeepRecommendersOptions : TutorialOptions
{
    /// <summary>The towers' layer sizes to compare: TFRS's one, two and three layers.</summary>
    public IReadOnlyList<IReadOnlyList<int>> LayerSizes { get; init; } = [[32], [64, 32], [128, 64, 32]];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
