using System.Runtime.InteropServices;

namespace Reco.IO;

/// <summary>
/// Tells a path that names a device, pipe or socket (<c>/dev/null</c>, <c>/dev/stdout</c>, a FIFO) from a
/// regular file. .NET reports such entries as ordinary files, so an atomic write would rename its
/// temporary file over them and replace the device itself. Linux only (through <c>statx</c>, whose
/// layout is the same on every architecture); elsewhere, or when the call is unavailable, nothing is
/// reported as special.
/// </summary>
internal static partial class SpecialFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32), then stx_mode (u16)
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;

    /// <summary>True when <paramref name="path"/> exists (symbolic links followed) and is neither a regular file nor a folder.</summary>
    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            Span<byte> buffer = stackalloc byte[256]; // struct statx is 256 bytes
            if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return false; // missing or unreadable: the write itself reports it
            }

            int type = BitConverter.ToUInt16(buffer[ModeOffset..]) & TypeMask;
            return type is not RegularFile and not Directory;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>True on Unix for a path under <c>/dev</c> or <c>/proc</c> (devices, and the links to a process's open files).</summary>
    public static bool IsSystemPath(string fullPath) =>
        !OperatingSystem.IsWindows()
        && (fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal));

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryDescriptor, string path, int flags, uint mask, ref byte buffer);
}
