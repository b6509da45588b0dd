namespace Reco.Models.Baselines;

/// <summary>Which mean a <see cref="MeanRating"/> predicts.</summary>
public enum MeanKind
{
    /// <summary>The mean of all training ratings.</summary>
    Global,

    /// <summary>The user's mean rating (the global mean for a user without ratings).</summary>
    User,

    /// <summary>The item's mean rating (the global mean for an item without ratings).</summary>
    Item,
}
