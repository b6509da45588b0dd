namespace Reco.Data;

/// <summary>Where a dataset is published and how to check that a local copy is intact.</summary>
/// <param name="Name">The short name used on the command line, e.g. <c>ml-100k</c>.</param>
/// <param name="ZipUrl">The address of the zip archive.</param>
/// <param name="FolderName">The top-level folder inside the zip that holds the files; also the folder name in the cache.</param>
/// <param name="ExpectedMd5">Expected MD5 (hex) of each file to verify, keyed by file name within the folder.</param>
public sealed record DatasetSource(string Name, Uri ZipUrl, string FolderName, IReadOnlyDictionary<string, string> ExpectedMd5)
{
    /// <summary>MovieLens 100K as distributed by GroupLens.</summary>
    public static DatasetSource MovieLens100KSource { get; } = new(
        "ml-100k",
        new Uri("https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
        "ml-100k",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["u.data"] = "6e47046882bad158b0efbb84cd5cb987",
            ["u.item"] = "c9e7f390115d79079537301d5204f3f7",
        });
}
