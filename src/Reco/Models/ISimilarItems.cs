namespace Reco.Models;

/// <summary>A model that can say which items are most alike.</summary>
public interface ISimilarItems
{
    /// <summary>The <paramref name="k"/> items most similar to <paramref name="item"/> (itself excluded), best first.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="item"/> is not in the training data, or <paramref name="k"/> is below 1.</exception>
    IReadOnlyList<ScoredItem> SimilarItems(int item, int k);
}
