namespace Reco.Models;

/// <summary>A model that can say which of a user's training items led it to score an item.</summary>
public interface IExplainable
{
    /// <summary>
    /// The user's training items that contributed most to <paramref name="item"/>'s score, each with its
    /// contribution, largest first (at most <paramref name="count"/>).
    /// </summary>
    IReadOnlyList<ScoredItem> Explain(int user, int item, int count);
}
