namespace Reco.Data.Sources;

/// <summary>What to do with several rows for the same (user, item) pair. Merged rows are counted in the load report.</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the last row of the pair in source order (a re-rating replaces the earlier one).</summary>
    KeepLast,

    /// <summary>One row whose rating is the sum of the pair's ratings (implicit counts), at the last row's place and time.</summary>
    Sum,

    /// <summary>One row whose rating is the mean of the pair's ratings, at the last row's place and time.</summary>
    Mean,

    /// <summary>Keep every row (event logs); duplicates are not looked for.</summary>
    KeepAll,
}
