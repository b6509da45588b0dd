using System.Diagnostics;

namespace Reco.Serialization;

/// <summary>
/// Saves to one base folder take turns: each holds an exclusive lock on the base's <c>.reco-lock</c>
/// file (flock on Unix, a share mode on Windows) from its first look at the folder to its last rename.
/// The operating system drops the lock when its holder dies, so a killed save never blocks the next.
/// Readers take no lock.
/// </summary>
internal sealed class BaseFolderLock : IDisposable
{
    private const int WouldBlock = 11;          // EAGAIN / EWOULDBLOCK (Linux)
    private const int WouldBlockBsd = 35;       // EAGAIN on macOS
    private const int SharingViolation = 0x20;  // ERROR_SHARING_VIOLATION
    private const int LockViolation = 0x21;     // ERROR_LOCK_VIOLATION

    private readonly FileStream _stream;

    private BaseFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock of <paramref name="folder"/>.</summary>
    /// <exception cref="TimeoutException">Another save held it all that time.</exception>
    public static BaseFolderLock Acquire(string folder, TimeSpan timeout)
    {
        var path = Path.Combine(folder, ModelFolderLayout.LockName);
        var clock = Stopwatch.StartNew();
        int wait = 2;
        while (true)
        {
            try
            {
                return new BaseFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (IsContention(e))
            {
                if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed >= timeout)
                {
                    throw new TimeoutException($"another save to this folder has been running for over {timeout.TotalSeconds:F0} s");
                }

                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 50);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private static bool IsContention(IOException e) => e.GetType() == typeof(IOException)
        && (e.HResult & 0xFFFF) is WouldBlock or WouldBlockBsd or SharingViolation or LockViolation;
}
