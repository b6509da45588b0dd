namespace Reco.Recipes;

/// <summary>The settings of the TFRS quickstart (its defaults are the tutorial's).</summary>
public sealed record QuickstartOptions
{
    /// <summary>Passes over the ratings.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Ratings per batch (the in-batch negatives).</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>Length of the user and movie embeddings.</summary>
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>Adagrad's learning rate.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>Seed of the initial weights.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The user to recommend for.</summary>
    public string User { get; init; } = "42";

    /// <summary>How many recommendations.</summary>
    public int K { get; init; } = 3;
}
