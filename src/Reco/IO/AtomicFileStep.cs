namespace Reco.IO;

/// <summary>The steps of <see cref="AtomicFile"/>'s write, for test hooks.</summary>
internal enum AtomicFileStep
{
    /// <summary>The temporary file exists and holds the content, flushed to disk.</summary>
    Written,

    /// <summary>The temporary file has replaced the target.</summary>
    Renamed,
}
