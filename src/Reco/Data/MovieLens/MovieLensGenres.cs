namespace Reco.Data.MovieLens;

/// <summary>The genre columns of MovieLens 100K.</summary>
public static class MovieLensGenres
{
    /// <summary>
    /// The 19 genre names in the order of the <c>u.item</c> flag columns, as listed in the standard <c>u.genre</c>;
    /// used when a dataset folder has no <c>u.genre</c>.
    /// </summary>
    public static IReadOnlyList<string> Standard { get; } = Array.AsReadOnly(
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]);
}
