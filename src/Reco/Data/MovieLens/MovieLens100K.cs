using Reco.Data.Download;
using System.Globalization;
using Reco.Data.Sources;

namespace Reco.Data.MovieLens;

/// <summary>
/// The MovieLens 100K dataset loaded from an unpacked <c>ml-100k</c> folder (100,000 ratings of 1,682
/// movies by 943 users), in the shape of TFDS's <c>movielens/100k-ratings</c> and <c>movielens/100k-movies</c>.
/// </summary>
/// <remarks>
/// It is a view of <see cref="MovieLensFolder.Load"/>'s result, which every other path reads too: the
/// same parser, the same errors, the same interactions. Use <see cref="DatasetCache"/> to download the folder.
/// </remarks>
public sealed class MovieLens100K
{
    private MovieLens100K(string folder, LoadResult loaded, IReadOnlyList<MovieLensMovie> movies, IReadOnlyList<string> genres)
    {
        Folder = folder;
        Loaded = loaded;
        Movies = movies;
        Genres = genres;
        var data = loaded.Interactions;
        var ratings = new MovieLensRating[data.Count];
        var itemIds = new int[data.ItemCount];
        for (int i = 0; i < itemIds.Length; i++)
        {
            itemIds[i] = int.Parse(data.Items[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        for (int r = 0; r < ratings.Length; r++)
        {
            int item = data.ItemIndices[r];
            ratings[r] = new MovieLensRating(data.Users[data.UserIndices[r]], itemIds[item], data.Items.LabelOf(item), data.RatingAt(r), data.HasTimestamps ? data.Timestamps[r] : 0);
        }

        Ratings = ratings;
    }

    /// <summary>Gets the folder the data set was loaded from.</summary>
    public string Folder { get; }

    /// <summary>Gets the ratings in file order, each joined with its movie title.</summary>
    public IReadOnlyList<MovieLensRating> Ratings { get; }

    /// <summary>Gets every row of <c>u.item</c> in file order. Some titles appear under more than one id.</summary>
    public IReadOnlyList<MovieLensMovie> Movies { get; }

    /// <summary>Gets the genre names in column order, from <c>u.genre</c> or <see cref="MovieLensGenres.Standard"/>.</summary>
    public IReadOnlyList<string> Genres { get; }

    /// <summary>The load this view was made from: the interactions (item labels are the titles), the report and the item features.</summary>
    public LoadResult Loaded { get; }

    /// <summary>The ratings as interactions: user ids and movie ids as text, every movie of <c>u.item</c> an item (titles as labels).</summary>
    public Interactions ToInteractions() => Loaded.Interactions;

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

        foreach (var file in new[] { "u.data", "u.item" })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                throw new DatasetNotFoundException(Path.Combine(folder, file), DatasetSource.MovieLens100KSource);
            }
        }

        var loaded = MovieLensFolder.Load(folder);
        return new MovieLens100K(folder, loaded, MovieLensFolder.Movies100K(folder), MovieLensFolder.Genres100K(folder));
    }
}
