using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's context-features tutorial (its defaults are the tutorial's).</summary>
public sealed record ContextFeaturesOptions : TutorialOptions
{
    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
