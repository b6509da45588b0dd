namespace Reco.Data.MovieLens;

/// <summary>The file layouts GroupLens has published MovieLens in.</summary>
public enum MovieLensFormat
{
    /// <summary>100K: <c>u.data</c> (tab-separated) and <c>u.item</c> (pipe-separated, genre flags), Latin-1.</summary>
    Tab100K,

    /// <summary>1M and 10M: <c>ratings.dat</c> and <c>movies.dat</c> separated by <c>::</c>; 1M also has <c>users.dat</c>.</summary>
    DoubleColon,

    /// <summary>20M, 25M, 32M and latest(-small): <c>ratings.csv</c> and <c>movies.csv</c> with headers, UTF-8.</summary>
    Csv,
}
