using Reco.Data.Download;

namespace Reco.Data;

/// <summary>
/// Thrown when a dataset folder or one of its files is missing. The message says how to obtain the data.
/// </summary>
public sealed class DatasetNotFoundException : IOException
{
    /// <summary>Creates an exception for a missing dataset path.</summary>
    /// <param name="missingPath">The folder or file that does not exist.</param>
    /// <param name="source">The dataset that was expected there; used to explain how to get it.</param>
    public DatasetNotFoundException(string missingPath, DatasetSource source)
        : base(BuildMessage(missingPath, source))
    {
        MissingPath = missingPath;
        DatasetName = source.Name;
    }

    /// <summary>Gets the folder or file that does not exist.</summary>
    public string MissingPath { get; }

    /// <summary>Gets the name of the dataset that was expected, e.g. <c>ml-100k</c>.</summary>
    public string DatasetName { get; }

    private static string BuildMessage(string missingPath, DatasetSource source)
    {
        ArgumentNullException.ThrowIfNull(missingPath);
        ArgumentNullException.ThrowIfNull(source);
        return $"{source.Name} data not found: '{missingPath}' does not exist. To get it, run " +
            $"`reco datasets download {source.Name}` or pass --data-dir pointing to an unpacked " +
            $"{source.FolderName} folder ({source.ZipUrl}).";
    }
}
