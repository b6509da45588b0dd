namespace Reco.Models;

/// <summary>A model that can say which of a user's training items led it to score an item.</summary>
public interface IExplainable
{
    /// <summary>
    /// The user's training items that contributed most to <paramref name="item"/>'s score, each with its
    /// contribution, largest first (at most <paramref name="count"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="user"/> or <paramref name="item"/> is not in the training data, or <paramref name="count"/> is negative.</exception>
    IReadOnlyList<ScoredItem> Explain(int user, int item, int count);
}
