namespace Reco.Models.Neighborhood;

/// <summary>The command-line spellings of <see cref="SimilarityMeasure"/> and <see cref="Centering"/>.</summary>
public static class NeighborhoodNames
{
    /// <summary>cosine, adjusted-cosine, pearson or jaccard.</summary>
    public static string Of(SimilarityMeasure measure) => measure switch
    {
        SimilarityMeasure.AdjustedCosine => "adjusted-cosine",
        _ => measure.ToString().ToLowerInvariant(),
    };

    /// <summary>none, means or baseline.</summary>
    public static string Of(Centering centering) => centering.ToString().ToLowerInvariant();

    /// <summary>Parses a measure name.</summary>
    public static SimilarityMeasure Measure(string name) =>
        Enum.GetValues<SimilarityMeasure>().FirstOrDefault(m => Of(m) == name, (SimilarityMeasure)(-1)) is var m && m >= 0
            ? m
            : throw new FormatException($"Unknown similarity '{name}'; expected cosine, adjusted-cosine, pearson or jaccard.");

    /// <summary>Parses a centering name.</summary>
    public static Centering Centering(string name) =>
        Enum.GetValues<Centering>().FirstOrDefault(c => Of(c) == name, (Centering)(-1)) is var c && c >= 0
            ? c
            : throw new FormatException($"Unknown centering '{name}'; expected none, means or baseline.");
}
