using System.Globalization;

namespace Reco.Serialization;

/// <summary>A numbered version folder holding a Reco manifest.</summary>
/// <param name="Number">The version number (the folder's name).</param>
/// <param name="Path">The folder.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Complete">Every listed file is present with its listed size.</param>
internal sealed record VersionFolder(int Number, string Path, ModelManifest Manifest, bool Complete);

/// <summary>
/// What a model base folder holds, as seen in one listing: the versions (<c>1</c>, <c>2</c>, …), the
/// <c>CURRENT</c> pointer, an earlier flat model (a manifest and files directly in the folder), our
/// scratch entries (staging folders, folders being deleted, pointer files being written), and anything
/// else, which belongs to someone else and is never touched.
/// </summary>
internal sealed class ModelFolderLayout
{
    /// <summary>The pointer file: the current version's number, replaced by one rename.</summary>
    public const string PointerName = "CURRENT";

    /// <summary>Saves to one base take turns by locking this (empty) file.</summary>
    public const string LockName = ".reco-lock";

    /// <summary>A new version being written.</summary>
    public const string StagingPrefix = ".reco-staging-";

    /// <summary>A pruned version being deleted (renamed first, so no reader ever sees half a version).</summary>
    public const string TrashPrefix = ".reco-trash-";

    /// <summary>A new pointer being written.</summary>
    public const string PointerTemporaryPrefix = ".reco-pointer-";

    private static readonly string[] ScratchPrefixes = [StagingPrefix, TrashPrefix, PointerTemporaryPrefix];

    private ModelFolderLayout(string folder)
    {
        Folder = folder;
    }

    /// <summary>The base folder.</summary>
    public string Folder { get; }

    /// <summary>Numbered folders with a Reco manifest, by ascending number.</summary>
    public IReadOnlyList<VersionFolder> Versions { get; private set; } = [];

    /// <summary>The highest number used by any entry (ours or not), so a new version never collides.</summary>
    public int HighestNumber { get; private set; }

    /// <summary>A file named <see cref="PointerName"/> exists.</summary>
    public bool HasPointer { get; private set; }

    /// <summary>The version the pointer names, or null when there is none or it does not hold a version number.</summary>
    public int? Pointer { get; private set; }

    /// <summary>The manifest of a model saved in the earlier flat layout, directly in this folder.</summary>
    public ModelManifest? FlatManifest { get; private set; }

    /// <summary>Our scratch entries (full paths), abandoned or in use.</summary>
    public IReadOnlyList<string> Scratch { get; private set; } = [];

    /// <summary>Names of entries that are not ours.</summary>
    public IReadOnlyList<string> Foreign { get; private set; } = [];

    /// <summary>
    /// A base folder made by our saves: version folders plus our lock file or a valid pointer. Numbered
    /// model folders alone are not enough: a folder of models the user saved at <c>x/1</c>, <c>x/2</c>
    /// in the flat layout must not become a base whose "old versions" get pruned.
    /// </summary>
    public bool IsVersioned => Versions.Count > 0 && (HasLock || Pointer is not null);

    /// <summary>Holds a model in the earlier flat layout.</summary>
    public bool IsFlat => FlatManifest is not null;

    /// <summary>Holds a saved model in either layout.</summary>
    public bool IsModel => IsVersioned || IsFlat;

    /// <summary>The complete versions, by ascending number.</summary>
    public IEnumerable<VersionFolder> CompleteVersions => Versions.Where(v => v.Complete);

    private bool HasLock { get; set; }

    /// <summary>True for a version folder name: a positive decimal number without leading zeros.</summary>
    public static bool TryParseVersion(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version)
        && version > 0 && text == version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The folder of version <paramref name="version"/> in <paramref name="folder"/>.</summary>
    public static string VersionPath(string folder, int version) => Path.Combine(folder, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>True when <paramref name="name"/> is one of our scratch entries' names.</summary>
    public static bool IsScratchName(string name) => ScratchPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The scratch prefix of <paramref name="name"/>.</summary>
    public static string ScratchPrefixOf(string name) => ScratchPrefixes.First(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>True when <paramref name="version"/>'s folder holds its manifest and the files it lists, and nothing else.</summary>
    public static bool HoldsOnlyItsModel(VersionFolder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var listed = version.Manifest.Files.Select(f => f.Name).Append(ModelManifest.FileName).ToHashSet(StringComparer.Ordinal);
        try
        {
            return new DirectoryInfo(version.Path).EnumerateFileSystemInfos().All(e => e is FileInfo && e.LinkTarget is null && listed.Contains(e.Name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The pointer file's version, or null when it holds no version number.</summary>
    public static int? ParsePointer(string text) => TryParseVersion(text.Trim(), out int version) ? version : null;

    /// <summary>Lists <paramref name="folder"/> (which must exist).</summary>
    public static ModelFolderLayout Inspect(string folder)
    {
        var layout = new ModelFolderLayout(folder);
        var versions = new List<VersionFolder>();
        var scratch = new List<string>();
        var others = new List<string>();
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().ToArray();
        foreach (var entry in entries)
        {
            var name = entry.Name;
            if (TryParseVersion(name, out int number))
            {
                layout.HighestNumber = Math.Max(layout.HighestNumber, number);
                if (entry is DirectoryInfo && entry.LinkTarget is null && ModelManifest.TryRead(entry.FullName) is { } manifest)
                {
                    versions.Add(new VersionFolder(number, entry.FullName, manifest, manifest.IsCompleteIn(entry.FullName)));
                    continue;
                }
            }
            else if (IsScratchName(name))
            {
                scratch.Add(entry.FullName);
                continue;
            }
            else if (name == LockName && entry is FileInfo)
            {
                layout.HasLock = true;
                continue;
            }
            else if (name == PointerName && entry is FileInfo)
            {
                layout.HasPointer = true;
                layout.Pointer = TryReadPointer(entry.FullName);
            }
            else if (name == ModelManifest.FileName && entry is FileInfo)
            {
                layout.FlatManifest = ModelManifest.TryRead(folder);
            }

            others.Add(name);
        }

        layout.Versions = [.. versions.OrderBy(v => v.Number)];
        layout.Scratch = scratch;
        var ours = new HashSet<string>(StringComparer.Ordinal);
        if (layout.IsVersioned)
        {
            ours.Add(PointerName);
        }

        if (layout.FlatManifest is { } flat)
        {
            ours.Add(ModelManifest.FileName);
            ours.UnionWith(flat.Files.Select(f => f.Name));
        }

        if (!layout.IsVersioned)
        {
            others.AddRange(versions.Select(v => Path.GetFileName(v.Path)));
        }

        layout.Foreign = [.. others.Where(n => !ours.Contains(n)).Order(StringComparer.Ordinal)];
        return layout;
    }

    /// <summary>The pointer file's text; a file longer than any version number is returned cut short (and will not parse).</summary>
    public static string ReadPointerText(string path)
    {
        const int MaxPointerBytes = 64;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[MaxPointerBytes];
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static int? TryReadPointer(string path)
    {
        try
        {
            return ParsePointer(ReadPointerText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
