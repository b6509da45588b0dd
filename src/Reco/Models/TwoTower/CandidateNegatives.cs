namespace Reco.Models.TwoTower;

/// <summary>Which candidates a two-tower model contrasts each training query's positive with.</summary>
public enum CandidateNegatives
{
    /// <summary>The other candidates of the batch, TFRS's in-batch softmax.</summary>
    InBatch,

    /// <summary>Every candidate of the training data once: an exact softmax over the catalogue.</summary>
    Catalogue,

    /// <summary>The batch's candidates plus a number drawn uniformly from the catalogue per batch (mixed negative sampling).</summary>
    Mixed,
}
