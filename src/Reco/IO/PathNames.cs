namespace Reco.IO;

/// <summary>Comparing paths as the file system does: full paths with symbolic links resolved.</summary>
internal static class PathNames
{
    private const int MaxLinks = 40; // as Linux's limit on links followed in one lookup

    /// <summary>Case-sensitive on Linux; Windows and macOS file systems ignore case by default.</summary>
    public static StringComparer Comparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private static StringComparison Comparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>
    /// The full path of <paramref name="path"/> with every symbolic link along it followed, as far as the
    /// path exists (a missing tail is kept as written). <c>..</c> is resolved by name, as a shell does.
    /// </summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        for (int links = 0; links < MaxLinks; links++)
        {
            var next = FollowFirstLink(full);
            if (next is null)
            {
                return full;
            }

            full = next;
        }

        return full; // A loop of links: compare what we have.
    }

    /// <summary>True when both paths name the same entry once links are followed.</summary>
    public static bool Same(string a, string b) => Comparer.Equals(Trim(Resolve(a)), Trim(Resolve(b)));

    /// <summary>True when resolved <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both already resolved).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        path = Trim(path);
        folder = Trim(folder);
        return string.Equals(path, folder, Comparison)
            || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, Comparison);
    }

    /// <summary>True when resolved <paramref name="a"/> and <paramref name="b"/> are equal.</summary>
    public static bool Equal(string a, string b) => string.Equals(Trim(a), Trim(b), Comparison);

    private static string Trim(string path) => Path.TrimEndingDirectorySeparator(path);

    /// <summary>The path with its first symbolic link replaced by the link's target, or null when there is none.</summary>
    private static string? FollowFirstLink(string full)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                if (!Path.Exists(next))
                {
                    return null; // The rest does not exist yet: nothing more to follow.
                }

                current = next;
                continue;
            }

            var resolved = Path.IsPathFullyQualified(target) ? target : Path.Combine(current, target);
            return Path.GetFullPath(Path.Combine([resolved, .. parts[(i + 1)..]]));
        }

        return null;
    }
}
