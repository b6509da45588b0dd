namespace Reco.Data.Download;

/// <summary>Where a dataset is published and how to check that a local copy is intact.</summary>
/// <param name="Name">The short name used on the command line, e.g. <c>ml-100k</c>.</param>
/// <param name="ZipUrl">The address of the zip archive.</param>
/// <param name="FolderName">The top-level folder inside the zip that holds the files; also the folder name in the cache.</param>
/// <param name="ExpectedMd5">Expected MD5 (hex) of each file to verify, keyed by file name within the folder.</param>
public sealed record DatasetSource(string Name, Uri ZipUrl, string FolderName, IReadOnlyDictionary<string, string> ExpectedMd5)
{
    /// <summary>Files that must be present, for releases whose checksums are not pinned here (see <see cref="ExpectedMd5"/> for those that are).</summary>
    public IReadOnlyList<string> RequiredFiles { get; init; } = [];

    /// <summary>One line on the release: its size and layout.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether every file of the release is checked against a pinned MD5, not just for presence.</summary>
    public bool HasChecksums => ExpectedMd5.Count > 0;

    /// <summary>Every file the cache expects: the checksummed ones and the required ones.</summary>
    public IEnumerable<string> ExpectedFiles => ExpectedMd5.Keys.Concat(RequiredFiles).Distinct(StringComparer.Ordinal);

    /// <summary>MovieLens 100K as distributed by GroupLens.</summary>
    public static DatasetSource MovieLens100KSource { get; } = new(
        "ml-100k",
        new Uri("https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
        "ml-100k",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["u.data"] = "6e47046882bad158b0efbb84cd5cb987",
            ["u.item"] = "c9e7f390115d79079537301d5204f3f7",
        })
    {
        Description = "100,000 ratings (1-5) of 1,682 movies by 943 users; u.data and u.item, Latin-1.",
    };
}
