namespace Reco.Models.Neighbourhood;

/// <summary>How alike two users (or two items) are, computed over the entities both were rated by.</summary>
public enum SimilarityMeasure
{
    /// <summary>Σxy / √(Σx²·Σy²) over common raters (Surprise's <c>cosine</c>).</summary>
    Cosine,

    /// <summary>Cosine of ratings centred by the other side's mean (for items: each rating minus its user's mean).</summary>
    AdjustedCosine,

    /// <summary>Pearson correlation over common raters, each side centred by its mean over them.</summary>
    Pearson,

    /// <summary>|A ∩ B| / |A ∪ B| of the sets of raters (ratings ignored).</summary>
    Jaccard,
}
