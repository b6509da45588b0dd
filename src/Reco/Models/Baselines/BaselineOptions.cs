using Reco.Models.Options;

namespace Reco.Models.Baselines;

/// <summary>Hyper-parameters of <see cref="BaselineBiases"/> (Surprise's <c>BaselineOnly</c> defaults).</summary>
public sealed record BaselineOptions
{
    /// <summary>Alternations of the least-squares fit.</summary>
    [Hyperparameter("epochs", "Alternations.", Minimum = 1)]
    public int Epochs { get; init; } = 10;

    /// <summary>Regularisation of the user biases (reg_u).</summary>
    [Hyperparameter("user-reg", "Regularisation of user biases.", Minimum = 0)]
    public float UserRegularisation { get; init; } = 15f;

    /// <summary>Regularisation of the item biases (reg_i).</summary>
    [Hyperparameter("item-reg", "Regularisation of item biases.", Minimum = 0)]
    public float ItemRegularisation { get; init; } = 10f;
}
