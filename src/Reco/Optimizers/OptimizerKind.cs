namespace Reco.Optimizers;

/// <summary>The optimizers <see cref="OptimizerSettings"/> can create.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="Optimizers.Adagrad"/>.</summary>
    Adagrad,

    /// <summary><see cref="Optimizers.Sgd"/>.</summary>
    Sgd,

    /// <summary><see cref="Optimizers.Adam"/>.</summary>
    Adam,
}
