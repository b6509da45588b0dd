namespace Reco.Data.Download;

/// <summary>Thrown when a dataset file's MD5 hash differs from the one its <see cref="DatasetSource"/> expects.</summary>
public sealed class ChecksumMismatchException : IOException
{
    /// <summary>Creates an exception for a file with an unexpected hash.</summary>
    /// <param name="fileName">The file name within the dataset folder, e.g. <c>u.data</c>.</param>
    /// <param name="expectedMd5">The expected MD5 as lower-case hex.</param>
    /// <param name="actualMd5">The MD5 actually computed, as lower-case hex.</param>
    public ChecksumMismatchException(string fileName, string expectedMd5, string actualMd5)
        : base($"Checksum mismatch for {fileName}: expected MD5 {expectedMd5}, got {actualMd5}. " +
            "The file is corrupt or is not the expected version of the dataset.")
    {
        FileName = fileName;
        ExpectedMd5 = expectedMd5;
        ActualMd5 = actualMd5;
    }

    /// <summary>Gets the file name within the dataset folder.</summary>
    public string FileName { get; }

    /// <summary>Gets the expected MD5 as lower-case hex.</summary>
    public string ExpectedMd5 { get; }

    /// <summary>Gets the computed MD5 as lower-case hex.</summary>
    public string ActualMd5 { get; }
}
