namespace Reco.Models;

/// <summary>
/// A model that can score items for a user it was not trained on, from that user's interactions,
/// without retraining (fold-in).
/// </summary>
public interface IFoldIn
{
    /// <summary>Writes a score for every training item for a new user with the given history.</summary>
    /// <param name="items">The new user's item indices (training item map).</param>
    /// <param name="ratings">Their ratings or weights, parallel to <paramref name="items"/>; empty means 1 for each.</param>
    /// <param name="scores">One score per training item; higher is better.</param>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is not in the training data.</exception>
    /// <exception cref="ArgumentException"><paramref name="ratings"/> is neither empty nor one per item, or <paramref name="scores"/> is not one per training item.</exception>
    void ScoreNewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores);
}
