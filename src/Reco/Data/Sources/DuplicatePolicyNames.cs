namespace Reco.Data.Sources;

/// <summary>The command-line spellings of <see cref="DuplicatePolicy"/>: <c>keep-last</c>, <c>sum</c>, <c>mean</c>, <c>keep-all</c>.</summary>
public static class DuplicatePolicyNames
{
    /// <summary>The spelling of <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>Its name.</returns>
    public static string Name(DuplicatePolicy policy) => policy switch
    {
        DuplicatePolicy.KeepLast => "keep-last",
        DuplicatePolicy.Sum => "sum",
        DuplicatePolicy.Mean => "mean",
        _ => "keep-all",
    };

    /// <summary>Parses a spelling.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">Not a known name.</exception>
    public static DuplicatePolicy Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "keep-last" or "last" => DuplicatePolicy.KeepLast,
        "sum" => DuplicatePolicy.Sum,
        "mean" => DuplicatePolicy.Mean,
        "keep-all" or "all" => DuplicatePolicy.KeepAll,
        _ => throw new FormatException($"Unknown duplicate policy '{name}'; expected keep-last, sum, mean or keep-all."),
    };
}
