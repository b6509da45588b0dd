using Reco.Data;
using Reco.Training;

namespace Reco.Models;

/// <summary>
/// The contract every Reco model honours: fit on interactions, then score every item for a user.
/// Recommending (top-k with seen items excluded and an optional candidate filter) is built on
/// <see cref="ScoreItems"/> once, in <see cref="RecommenderExtensions"/>. Users and items are the dense
/// indices of the training <see cref="Interactions"/>' id maps.
/// </summary>
public interface IRecommender
{
    /// <summary>The algorithm's name as the command line spells it (for example <c>popularity</c>).</summary>
    string Name { get; }

    /// <summary>The interactions of the last <see cref="Fit"/> (what "seen" means when recommending), or null before.</summary>
    Interactions? TrainingData { get; }

    /// <summary>Trains on <paramref name="train"/>; iterative models report each epoch to <paramref name="callbacks"/>.</summary>
    void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null);

    /// <summary>
    /// Writes a score for every item (length <c>TrainingData.ItemCount</c>) for <paramref name="user"/>;
    /// higher is better. Scores are comparable within one user only.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="user"/> is not a user of the training data.</exception>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is not one per training item.</exception>
    void ScoreItems(int user, Span<float> scores);
}
