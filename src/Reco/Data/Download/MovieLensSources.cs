namespace Reco.Data.Download;

/// <summary>
/// Every MovieLens release GroupLens publishes, by the name the command line uses. Only 100K has its
/// files' MD5s pinned here; for the others GroupLens publishes a checksum of each zip next to it
/// (<c>….zip.md5</c>) but it is not recorded in this library, so the cache checks that the expected
/// files are present and the loader checks every line.
/// </summary>
public static class MovieLensSources
{
    private static readonly Uri Base = new("https://files.grouplens.org/datasets/movielens/");

    /// <summary>All releases, smallest first.</summary>
    public static IReadOnlyList<DatasetSource> All { get; } =
    [
        DatasetSource.MovieLens100KSource,
        Unpinned("ml-latest-small", "ml-latest-small", "About 100,000 ratings (0.5-5) of 9,000 movies by 600 users, updated by GroupLens; CSV.", "ratings.csv", "movies.csv", "tags.csv", "links.csv"),
        Unpinned("ml-1m", "ml-1m", "1 million ratings (1-5) of 3,900 movies by 6,040 users, with demographics; '::'-separated, Latin-1.", "ratings.dat", "movies.dat", "users.dat"),
        Unpinned("ml-10m", "ml-10M100K", "10 million ratings (0.5-5) of 10,681 movies by 71,567 users; '::'-separated.", "ratings.dat", "movies.dat", "tags.dat"),
        Unpinned("ml-20m", "ml-20m", "20 million ratings (0.5-5) of 27,278 movies by 138,493 users; CSV.", "ratings.csv", "movies.csv", "tags.csv", "links.csv"),
        Unpinned("ml-25m", "ml-25m", "25 million ratings (0.5-5) of 62,423 movies by 162,541 users; CSV.", "ratings.csv", "movies.csv", "tags.csv", "links.csv"),
        Unpinned("ml-32m", "ml-32m", "32 million ratings (0.5-5) of 87,585 movies by 200,948 users; CSV.", "ratings.csv", "movies.csv", "tags.csv", "links.csv"),
    ];

    /// <summary>The release called <paramref name="name"/>.</summary>
    /// <param name="name">For example <c>ml-1m</c>.</param>
    /// <returns>The release.</returns>
    /// <exception cref="ArgumentException">No release has that name; the message lists them.</exception>
    public static DatasetSource Get(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown data set '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}.");

    private static DatasetSource Unpinned(string name, string folder, string description, params string[] files) =>
        new(name, new Uri(Base, $"{name}.zip"), folder, new Dictionary<string, string>())
        {
            RequiredFiles = files,
            Description = description,
        };
}
