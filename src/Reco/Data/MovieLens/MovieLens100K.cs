namespace Reco.Data.MovieLens;

/// <summary>
/// The MovieLens 100K dataset loaded from an unpacked <c>ml-100k</c> folder: 100,000 ratings of
/// 1,682 movies by 943 users.
/// </summary>
/// <remarks>
/// <see cref="Ratings"/> matches TFDS <c>movielens/100k-ratings</c>: each rating carries its movie
/// title, in the order of <c>u.data</c>. Use <see cref="DatasetCache"/> to download the folder.
/// </remarks>
public sealed class MovieLens100K
{
    private const string RatingsFileName = "u.data";
    private const string MoviesFileName = "u.item";
    private const string GenresFileName = "u.genre";

    private MovieLens100K(string folder, IReadOnlyList<MovieLensRating> ratings, IReadOnlyList<MovieLensMovie> movies, IReadOnlyList<string> genres)
    {
        Folder = folder;
        Ratings = ratings;
        Movies = movies;
        Genres = genres;
    }

    /// <summary>Gets the folder the data set was loaded from.</summary>
    public string Folder { get; }

    /// <summary>Gets the ratings in file order, each joined with its movie title.</summary>
    public IReadOnlyList<MovieLensRating> Ratings { get; }

    /// <summary>Gets every row of <c>u.item</c> in file order. Some titles appear under more than one id.</summary>
    public IReadOnlyList<MovieLensMovie> Movies { get; }

    /// <summary>Gets the genre names in column order, from <c>u.genre</c> or <see cref="MovieLensGenres.Standard"/>.</summary>
    public IReadOnlyList<string> Genres { get; }

    /// <summary>
    /// Loads <c>u.data</c> and <c>u.item</c> (and <c>u.genre</c> when present) from <paramref name="directory"/>.
    /// Files are not checksummed here; see <see cref="DatasetCache.Verify"/>.
    /// </summary>
    /// <param name="directory">An unpacked <c>ml-100k</c> folder.</param>
    /// <returns>The loaded dataset.</returns>
    /// <exception cref="DatasetNotFoundException">The folder or a required file does not exist.</exception>
    /// <exception cref="DataFormatException">A line of one of the files is malformed.</exception>
    public static MovieLens100K Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new DatasetNotFoundException(folder, DatasetSource.MovieLens100KSource);
        }

        string ratingsPath = RequireFile(folder, RatingsFileName);
        string moviesPath = RequireFile(folder, MoviesFileName);
        string genresPath = Path.Combine(folder, GenresFileName);

        IReadOnlyList<string> genres = File.Exists(genresPath)
            ? GenreFileParser.Parse(genresPath, File.ReadAllBytes(genresPath))
            : MovieLensGenres.Standard;
        List<MovieLensMovie> movies = ItemFileParser.Parse(moviesPath, File.ReadAllBytes(moviesPath), genres);
        List<MovieLensRating> ratings = RatingFileParser.Parse(ratingsPath, File.ReadAllBytes(ratingsPath), movies);
        return new MovieLens100K(folder, ratings.AsReadOnly(), movies.AsReadOnly(), genres);
    }

    /// <summary>
    /// Reads another ratings file of the folder in <c>u.data</c>'s format, such as the predefined
    /// cross-validation folds <c>u1.base</c> … <c>u5.test</c>, <c>ua.base</c>, <c>ub.test</c>.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public IReadOnlyList<MovieLensRating> LoadRatings(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        string path = RequireFile(Folder, fileName);
        return RatingFileParser.Parse(path, File.ReadAllBytes(path), Movies).AsReadOnly();
    }

    private static string RequireFile(string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : throw new DatasetNotFoundException(path, DatasetSource.MovieLens100KSource);
    }
}
