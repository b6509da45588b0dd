namespace Reco.Evaluation;

/// <summary>Which items compete in each user's ranking (before the user's seen items are removed).</summary>
public enum CandidateItems
{
    /// <summary>Items in the training or the test data (MyMediaLite's default).</summary>
    Union,

    /// <summary>Every item of the item map, interacted with or not.</summary>
    All,

    /// <summary>Items that appear in the training data.</summary>
    Training,
}
