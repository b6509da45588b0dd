namespace Reco.IO;

/// <summary>Turns an I/O failure into a short reason for a one-line message, without naming our temporary files.</summary>
internal static partial class IoErrors
{
    private const int NoSpace = 28;      // ENOSPC
    private const int ReadOnly = 30;     // EROFS
    private const int QuotaExceeded = 122; // EDQUOT (Linux)
    private const int DiskFullWindows = 0x70; // ERROR_DISK_FULL
    private const int HandleDiskFullWindows = 0x27; // ERROR_HANDLE_DISK_FULL

    /// <summary>
    /// The reason <paramref name="error"/> gives, in words; any of <paramref name="hidden"/> (temporary
    /// paths) in the system's message is replaced by <paramref name="shownInstead"/>.
    /// </summary>
    public static string Reason(Exception error, string shownInstead, params string?[] hidden)
    {
        int code = error.HResult & 0xFFFF;
        if (error is UnauthorizedAccessException)
        {
            return "permission denied";
        }

        if (code is NoSpace or DiskFullWindows or HandleDiskFullWindows || error.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
        {
            return "the disk is full";
        }

        if (code == QuotaExceeded && !OperatingSystem.IsWindows())
        {
            return "the disk quota is exceeded";
        }

        if (code == ReadOnly && !OperatingSystem.IsWindows())
        {
            return "the file system is read-only";
        }

        var message = error.Message;
        foreach (var path in hidden)
        {
            if (!string.IsNullOrEmpty(path))
            {
                message = message.Replace(path, shownInstead, StringComparison.Ordinal);
            }
        }

        // Any other of our scratch names (a file inside a staging folder, say) goes too.
        message = ScratchPattern().Replace(message, $"'{shownInstead}'");
        return OneLine(message).TrimEnd('.');
    }

    /// <summary>The first line of <paramref name="text"/>.</summary>
    public static string OneLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"'[^']*\.reco-[a-z]+-[0-9]+-[0-9]+-[0-9a-f]{32}[^']*'")]
    private static partial System.Text.RegularExpressions.Regex ScratchPattern();
}
