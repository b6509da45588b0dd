using System.Diagnostics;
using System.Globalization;
using Reco.Data.Features;
using Reco.Data.Sources;
using Reco.Data.Sources.Text;

namespace Reco.Data.MovieLens;

/// <summary>
/// Loads any MovieLens release from its unpacked folder into <see cref="Interactions"/> with item
/// features (<c>title</c> text, <c>genres</c> multi-valued, <c>year</c> categorical) and, for 1M, user
/// features (<c>gender</c>, <c>age</c>, <c>occupation</c>, <c>zip</c>). Every movie of the movies file
/// has an item index, rated or not, in file order.
/// </summary>
public static class MovieLensFolder
{
    /// <summary>Which layout the folder holds, from the files present.</summary>
    /// <param name="folder">An unpacked MovieLens folder.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No MovieLens ratings file is in it.</exception>
    public static MovieLensFormat Detect(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");
        }

        if (File.Exists(Path.Combine(folder, "u.data")))
        {
            return MovieLensFormat.Tab100K;
        }

        if (File.Exists(Path.Combine(folder, "ratings.dat")))
        {
            return MovieLensFormat.DoubleColon;
        }

        if (File.Exists(Path.Combine(folder, "ratings.csv")))
        {
            return MovieLensFormat.Csv;
        }

        throw new InvalidDataException($"'{folder}' is not a MovieLens folder: it has no u.data, ratings.dat or ratings.csv.");
    }

    /// <summary>Loads the folder's ratings and side data.</summary>
    /// <param name="folder">An unpacked MovieLens folder of any release.</param>
    /// <param name="options">Row policies; the column mapping is MovieLens' own and cannot be changed.</param>
    /// <returns>The interactions (user and item ids as in the files), the load report and the features.</returns>
    public static LoadResult Load(string folder, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        var clock = Stopwatch.StartNew();
        var format = Detect(folder);
        var items = new IdMap();
        var itemFeatures = new FeatureTable(items);
        var title = itemFeatures.Add("title", FeatureKind.Text);
        var genres = itemFeatures.Add("genres", FeatureKind.MultiValued);
        var year = itemFeatures.Add("year", FeatureKind.Categorical);

        void AddMovie(string id, string name, IReadOnlyList<string> movieGenres, string? movieYear)
        {
            int index = items.GetOrAdd(id);
            items.SetLabel(index, name);
            Set(title, index, name);
            genres.SetValues(index, [.. movieGenres]);
            Set(year, index, movieYear);
        }

        string ratings;
        TextFormat text;
        ColumnMapping columns;
        switch (format)
        {
            case MovieLensFormat.Tab100K:
                foreach (var movie in Movies100K(folder))
                {
                    AddMovie(movie.ItemId.ToString(CultureInfo.InvariantCulture), movie.Title, movie.Genres, movie.ReleaseDate?.Year.ToString(CultureInfo.InvariantCulture) ?? MovieFileReader.Year(movie.Title));
                }

                ratings = Require(folder, "u.data");
                text = new TextFormat { Delimiter = "\t", HasHeader = false, Encoding = TextDecoding.Latin1 };
                columns = new ColumnMapping("1", "2", "3", "4");
                break;
            case MovieLensFormat.DoubleColon:
                foreach (var (id, name, movieGenres) in MovieFileReader.Read(Require(folder, "movies.dat"), csv: false))
                {
                    AddMovie(id, name, movieGenres, MovieFileReader.Year(name));
                }

                ratings = Require(folder, "ratings.dat");
                text = new TextFormat { Delimiter = "::", HasHeader = false, Encoding = TextDecoding.Latin1 };
                columns = new ColumnMapping("1", "2", "3", "4");
                break;
            default:
                foreach (var (id, name, movieGenres) in MovieFileReader.Read(Require(folder, "movies.csv"), csv: true))
                {
                    AddMovie(id, name, movieGenres, MovieFileReader.Year(name));
                }

                ratings = Require(folder, "ratings.csv");
                text = TextFormat.Csv;
                columns = new ColumnMapping("userId", "movieId", "rating", "timestamp");
                break;
        }

        var result = DelimitedTextSource.Load(ratings, text, options with { Columns = columns, KnownItems = items });
        var users = format is MovieLensFormat.DoubleColon or MovieLensFormat.Tab100K ? UserFileReader.Read(folder, result.Interactions.Users) : null;
        return result with
        {
            ItemFeatures = itemFeatures,
            UserFeatures = users,
            Report = result.Report with { Source = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}/{Path.GetFileName(ratings)}", Seconds = clock.Elapsed.TotalSeconds },
        };
    }

    /// <summary>The genre names of a 100k folder: <c>u.genre</c>, or the standard list when it is absent.</summary>
    internal static IReadOnlyList<string> Genres100K(string folder)
    {
        string genrePath = Path.Combine(folder, "u.genre");
        return File.Exists(genrePath) ? GenreFileParser.Parse(genrePath, File.ReadAllBytes(genrePath)) : MovieLensGenres.Standard;
    }

    /// <summary>Every row of a 100k folder's <c>u.item</c>.</summary>
    internal static List<MovieLensMovie> Movies100K(string folder)
    {
        string itemPath = Require(folder, "u.item");
        return ItemFileParser.Parse(itemPath, File.ReadAllBytes(itemPath), Genres100K(folder));
    }

    private static void Set(FeatureColumn column, int index, string? value) => column.SetValues(index, value is null ? [] : [value]);

    private static string Require(string folder, string file)
    {
        string path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The MovieLens folder '{folder}' has no {file}.", path);
    }
}
