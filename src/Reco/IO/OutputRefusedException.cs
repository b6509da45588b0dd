namespace Reco.IO;

/// <summary>
/// Writing to a path was refused before anything was touched, because it would overwrite or delete
/// something of the user's: an input file, a folder, a saved model, the current or home folder.
/// The message is one line naming the path and saying why.
/// </summary>
/// <remarks>It derives from <see cref="ArgumentException"/> because the path given is what is wrong.</remarks>
public sealed class OutputRefusedException(string path, string message) : ArgumentException(message)
{
    /// <summary>The path as it was given.</summary>
    public string OutputPath { get; } = path;
}
