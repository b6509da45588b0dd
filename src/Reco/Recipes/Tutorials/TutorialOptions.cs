namespace Reco.Recipes.Tutorials;

/// <summary>What every TFRS tutorial recipe takes: how the ratings are split and the seed.</summary>
public abstract record TutorialOptions
{
    /// <summary>How the test ratings are held out: a single-fold protocol, by default TFRS's random 80/20 (<c>random:0.8</c>).</summary>
    public string Split { get; init; } = "random:0.8";

    /// <summary>Seed of the split, of the initial weights and of every shuffle.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Passes over the training data; null for the tutorial's own number.</summary>
    public int? Epochs { get; init; }
}
