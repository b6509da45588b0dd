using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's deep-recommenders tutorial (its defaults are the tutorial's).</summary>
public sealed record DeepRecommendersOptions : TutorialOptions
{
    /// <summary>The towers' layer sizes to compare: TFRS's one, two and three layers.</summary>
    /// <exception cref="ArgumentException">Set to no models, a model without layers, or a layer without units.</exception>
    public IReadOnlyList<IReadOnlyList<int>> LayerSizes
    {
        get;
        init => field = value is { Count: > 0 } && value.All(layers => layers is { Count: > 0 } && layers.All(units => units >= 1))
            ? value
            : throw new ArgumentException("Give at least one model, each with at least one layer of 1 or more units.", nameof(LayerSizes));
    } = [[32], [64, 32], [128, 64, 32]];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
