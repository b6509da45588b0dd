using System.Runtime.InteropServices;

namespace Reco.IO;

/// <summary>Writes that reach the disk before they are relied on: file contents and folder entries are fsynced.</summary>
internal static partial class DurableFile
{
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync folders; nothing to do.

    /// <summary>Creates <paramref name="path"/> (it must not exist), writes <paramref name="content"/> and fsyncs it.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Copies <paramref name="source"/> to the new file <paramref name="destination"/> and fsyncs the copy.</summary>
    public static void Copy(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        input.CopyTo(output);
        output.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Fsyncs a folder, so that the files created in it and the renames into it survive a power cut.
    /// Windows has no such call (its renames are journalled), so there it does nothing.
    /// </summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return; // A folder we cannot open for reading (mode -wx) is still written; only its sync is lost.
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != InvalidArgument)
                {
                    throw new IOException($"Cannot flush the folder '{folder}' to disk (error {errno}).", errno);
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
