namespace Reco.Serialization;

/// <summary>A saved model's file is missing, truncated or altered; the message names the file.</summary>
public sealed class CorruptModelException(string path, string message) : IOException(message)
{
    /// <summary>The file found to be bad.</summary>
    public string FilePath { get; } = path;
}
