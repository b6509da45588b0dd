using Reco.Models.Options;

namespace Reco.Models.Factorization;

/// <summary>Hyper-parameters of <see cref="Bpr"/> (chosen on a validation share of MovieLens 100k's u1.base).</summary>
public sealed record BprOptions
{
    /// <summary>Length of the factors.</summary>
    [Hyperparameter("factors", "Factor length.", Minimum = 1)]
    public int Factors { get; init; } = 64;

    /// <summary>Passes; each draws as many triples as there are interactions.</summary>
    [Hyperparameter("epochs", "Passes (one sampled triple per interaction each).", Minimum = 1)]
    public int Epochs { get; init; } = 60;

    /// <summary>SGD step.</summary>
    [Hyperparameter("lr", "Learning rate.", Minimum = 0, ExclusiveMinimum = true)]
    public float LearningRate { get; init; } = 0.02f;

    /// <summary>L2 penalty.</summary>
    [Hyperparameter("reg", "L2 penalty.", Minimum = 0)]
    public float Regularisation { get; init; } = 0.01f;

    /// <summary>Seed of the initial factors and of the sampling.</summary>
    [Hyperparameter("seed", "Seed of the initial factors and sampling.")]
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Threads taking the SGD triples of an epoch, each its own share with its own seeded generator, on
    /// shared factors without locks (Hogwild). With one thread a fit is the same for the same seed; with
    /// more it is not, since threads that update the same item row at once keep only one of the writes.
    /// At most as many threads as the machine has cores are started.
    /// </summary>
    [Hyperparameter("threads", "SGD threads (Hogwild, lock-free; at most the machine's cores); above 1 a fit is no longer the same for a seed.", Minimum = 1)]
    public int Threads { get; init; } = 1;
}
