namespace Reco.Data.Download;

/// <summary>Progress of a dataset download.</summary>
/// <param name="BytesReceived">The number of bytes downloaded so far.</param>
/// <param name="TotalBytes">The size of the download, when the server announced it.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);
