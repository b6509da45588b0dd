using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's DCN tutorial on MovieLens (its defaults are the tutorial's).</summary>
public sealed record DeepCrossNetworkOptions : TutorialOptions
{
    /// <summary>How many times each model is trained from fresh weights (the tutorial reports the mean and standard deviation of 5).</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Length of every feature's embedding.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>Units of the deep layers after the cross layer.</summary>
    public IReadOnlyList<int> DeepLayers { get; init; } = [192, 192];

    /// <summary>The low-rank model's projection dimension.</summary>
    public int ProjectionDim { get; init; } = 20;

    /// <summary>The plain deep network's layers, the same size as the cross models.</summary>
    public IReadOnlyList<int> DnnLayers { get; init; } = [192, 192, 192];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adam, 0.01f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
