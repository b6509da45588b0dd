namespace Reco.Models;

/// <summary>A model that can say which items are most alike.</summary>
public interface ISimilarItems
{
    /// <summary>The <paramref name="k"/> items most similar to <paramref name="item"/> (itself excluded), best first.</summary>
    IReadOnlyList<ScoredItem> SimilarItems(int item, int k);
}
