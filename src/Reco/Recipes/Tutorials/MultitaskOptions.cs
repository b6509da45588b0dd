using Reco.Optimizers;

namespace Reco.Recipes.Tutorials;

/// <summary>The settings of TFRS's multitask tutorial (its defaults are the tutorial's).</summary>
public sealed record MultitaskOptions : TutorialOptions
{
    /// <summary>The (rating, retrieval) loss weights to compare; the last is the headline (TFRS's joint model, 1 and 1).</summary>
    /// <exception cref="ArgumentException">Set to no weightings, or to weights that are negative, not finite, or both 0.</exception>
    public IReadOnlyList<(float Rating, float Retrieval)> Weights
    {
        get;
        init => field = value is { Count: > 0 } && value.All(w => float.IsFinite(w.Rating) && float.IsFinite(w.Retrieval) && w.Rating >= 0 && w.Retrieval >= 0 && w.Rating + w.Retrieval > 0)
            ? value
            : throw new ArgumentException("Give at least one weighting, each a pair of finite weights of 0 or more, not both 0.", nameof(Weights));
    } = [(1f, 0f), (0f, 1f), (1f, 1f)];

    /// <summary>Length of the user and movie embeddings.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>Units of the rating model's ReLU layers.</summary>
    public IReadOnlyList<int> RatingLayers { get; init; } = [256, 128];

    /// <summary>The optimizer.</summary>
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Training ratings per batch.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Test ratings per batch.</summary>
    public int EvalBatchSize { get; init; } = 4096;
}
