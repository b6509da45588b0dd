using Reco.Models.Options;
using Reco.Optimizers;

namespace Reco.Models.TwoTower;

/// <summary>
/// Hyper-parameters of the catalogue's two-tower model (user-id and item-id embedding towers) and the
/// training settings any two-tower model uses when fitted through <see cref="IRecommender.Fit"/>. The
/// defaults make it a serious recommender rather than the basic-retrieval tutorial's (32-d, 3 epochs,
/// temperature 1, no correction: <c>dim=32 epochs=3 temperature=1 logq=false normalize=false</c>): 64-d
/// unit-length embeddings scored by cosine with a temperature of 0.25, the logQ-corrected in-batch softmax,
/// 30 epochs of Adagrad 0.1 on batches of 8,192. They were chosen on a validation share of MovieLens 100k's
/// stratified training share only (docs/benchmarks.md has the search).
/// </summary>
public sealed record TwoTowerOptions
{
    /// <summary>Length of both towers' embeddings.</summary>
    [Hyperparameter("dim", "Embedding length.", Minimum = 1)]
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>Passes over the training interactions.</summary>
    [Hyperparameter("epochs", "Passes over the training data.", Minimum = 1)]
    public int Epochs { get; init; } = 30;

    /// <summary>Interactions per batch; each batch's other candidates are the negatives.</summary>
    [Hyperparameter("batch-size", "Interactions per batch (the in-batch negatives).", Minimum = 1)]
    public int BatchSize { get; init; } = 8192;

    /// <summary>The optimizer and its learning rate.</summary>
    [Hyperparameter("optimizer", "Optimizer and learning rate (adagrad:RATE, sgd:RATE or adam:RATE).")]
    public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

    /// <summary>Seed of the initial weights and of the shuffle.</summary>
    [Hyperparameter("seed", "Seed of initial weights and shuffling.")]
    public int Seed { get; init; } = 42;

    /// <summary>Reshuffle the interactions before every epoch.</summary>
    [Hyperparameter("shuffle", "Reshuffle the interactions before every epoch.")]
    public bool Shuffle { get; init; } = true;

    /// <summary>Softmax temperature of the retrieval loss.</summary>
    [Hyperparameter("temperature", "Softmax temperature of the retrieval loss (0.01 or more: below it the logits overflow what float arithmetic can train).", Minimum = 0.01)]
    public float Temperature { get; init; } = 0.25f;

    /// <summary>Which candidates each query is contrasted with: in-batch, catalogue (exact softmax) or mixed (in-batch plus sampled).</summary>
    [Hyperparameter("negatives", "Negatives of the softmax: in-batch, catalogue (every item) or mixed (in-batch plus sampled-negatives uniform draws).")]
    public CandidateNegatives Negatives { get; init; } = CandidateNegatives.InBatch;

    /// <summary>Items drawn uniformly per batch as extra negatives with <c>negatives=mixed</c>.</summary>
    [Hyperparameter("sampled-negatives", "Uniformly drawn extra negatives per batch (negatives=mixed).", Minimum = 0)]
    public int SampledNegatives { get; init; } = 1024;

    /// <summary>When above 0, each query's softmax keeps only its positive and this many hardest in-batch negatives.</summary>
    [Hyperparameter("hard-negatives", "Keep only this many hardest in-batch negatives per query (0: all).", Minimum = 0)]
    public int HardNegatives { get; init; }

    /// <summary>Correct the logits by the candidates' sampling probabilities (logQ).</summary>
    [Hyperparameter("logq", "Sampling-bias (logQ) correction of the in-batch softmax.")]
    public bool SamplingBiasCorrection { get; init; } = true;

    /// <summary>SGD's momentum.</summary>
    [Hyperparameter("momentum", "Momentum of the sgd optimizer.", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)]
    public float Momentum { get; init; }

    /// <summary>Clip each update's gradient to this L2 norm; 0 for no clipping.</summary>
    [Hyperparameter("clip-norm", "Clip each update's gradient to this L2 norm (0: no clipping).", Minimum = 0)]
    public float ClipNorm { get; init; }

    /// <summary>Scale both towers' embeddings to unit length, so scores are cosines sharpened by the temperature.</summary>
    [Hyperparameter("normalize", "Scale embeddings to unit length (cosine scores sharpened by the temperature).")]
    public bool Normalize { get; init; } = true;

    /// <summary>Columns of the data's user features to embed next to the user id (comma- or plus-separated); empty for the id alone.</summary>
    [Hyperparameter("user-features", "User feature columns embedded next to the id, for example gender+occupation (needs data with user features).")]
    public string UserFeatures { get; init; } = string.Empty;

    /// <summary>Columns of the data's item features to embed next to the item id; empty for the id alone.</summary>
    [Hyperparameter("item-features", "Item feature columns embedded next to the id, for example genres+year (needs data with item features).")]
    public string ItemFeatures { get; init; } = string.Empty;

    /// <summary>The optimizer with its momentum and clipping.</summary>
    internal OptimizerSettings OptimizerWithOptions => Optimizer with { Momentum = Momentum, ClipNorm = ClipNorm > 0 ? ClipNorm : null };
}
