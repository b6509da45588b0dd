using System.Text;

namespace Reco.Serialization;

/// <summary>
/// Finds and reads the current model of a folder: the version <c>CURRENT</c> names; without a pointer,
/// a model in the earlier flat layout; without either, the newest complete version. Every file is
/// checked against the manifest. A save may prune the version being read (a reader that is slow while
/// two saves finish): when a read fails and the folder now resolves elsewhere, it is read once more.
/// </summary>
internal static class ModelReader
{
    /// <summary>Reads the current model; <paramref name="afterResolve"/> lets tests act between finding the version and reading it.</summary>
    public static IReadOnlyDictionary<string, byte[]> Read(string directory, string kind, Action<string>? afterResolve = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(kind);
        for (int attempt = 0; ; attempt++)
        {
            string? folder = null;
            try
            {
                folder = CurrentFolder(directory);
                afterResolve?.Invoke(folder);
                return ReadVersion(folder, kind, directory);
            }
            catch (CorruptModelException) when (attempt == 0 && MovedSince(directory, folder))
            {
                // A concurrent save moved the model on: read the folder it names now.
            }
        }
    }

    /// <summary>The folder holding the current model's files.</summary>
    /// <exception cref="ModelNotFoundException">There is no model folder, or it is empty.</exception>
    /// <exception cref="CorruptModelException">The pointer is unreadable or names a missing version, or nothing here is a model.</exception>
    public static string CurrentFolder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw File.Exists(directory)
                ? new ModelNotFoundException($"'{directory}' is a file, not a saved model folder.")
                : new ModelNotFoundException($"No model folder at '{directory}'. Train one with `reco train ... --save {directory}`.");
        }

        var pointer = Path.Combine(directory, ModelFolderLayout.PointerName);
        var flat = File.Exists(Path.Combine(directory, ModelManifest.FileName));
        if (File.Exists(pointer))
        {
            var text = ModelFolderLayout.ReadPointerText(pointer);
            var parsed = ModelFolderLayout.ParsePointer(text);
            if (parsed is null && flat)
            {
                return directory; // a flat model with a CURRENT file of someone else's
            }

            var version = parsed
                ?? throw new CorruptModelException(pointer, $"{pointer} should hold the number of the current version but holds {Excerpt(text)}; {Available(directory)}.");
            var folder = ModelFolderLayout.VersionPath(directory, version);
            if (!Directory.Exists(folder))
            {
                throw new CorruptModelException(folder, $"{pointer} names version {version}, but {folder} does not exist; {Available(directory)}.");
            }

            return folder;
        }

        if (flat)
        {
            return directory;
        }

        var layout = ModelFolderLayout.Inspect(directory);
        if (layout.CompleteVersions.LastOrDefault() is { } newest)
        {
            return newest.Path;
        }

        if (layout.Foreign.Count == 0 && layout.Versions.Count == 0)
        {
            throw new ModelNotFoundException($"No saved model in '{directory}': the folder is empty. Train one with `reco train ... --save {directory}`.");
        }

        var manifest = Path.Combine(directory, ModelManifest.FileName);
        throw new CorruptModelException(manifest, $"'{directory}' has no {ModelManifest.FileName}; it is not a saved model, or saving it did not finish.");
    }

    /// <summary>Reads one version folder (or a flat-layout model folder), checking every file.</summary>
    public static IReadOnlyDictionary<string, byte[]> ReadVersion(string folder, string kind, string shown)
    {
        var manifestPath = Path.Combine(folder, ModelManifest.FileName);
        byte[] manifestBytes;
        try
        {
            manifestBytes = File.ReadAllBytes(manifestPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CorruptModelException(manifestPath, $"'{folder}' has no {ModelManifest.FileName}; it is not a saved model, or saving it did not finish.");
        }

        var manifest = ModelManifest.Parse(manifestPath, manifestBytes);
        if (manifest.Kind != kind)
        {
            throw new CorruptModelException(manifestPath, $"'{shown}' holds a '{manifest.Kind}' model, not a '{kind}' model.");
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var path = Path.Combine(folder, entry.Name);
            byte[] content;
            try
            {
                content = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CorruptModelException(path, $"Model file {path} is missing.");
            }
            catch (UnauthorizedAccessException) when (Directory.Exists(path))
            {
                throw new CorruptModelException(path, $"Model file {path} is a folder, not a file.");
            }

            if (content.Length != entry.Bytes)
            {
                throw new CorruptModelException(path, $"Model file {path} is {content.Length} bytes but the manifest says {entry.Bytes}: it is truncated or was modified.");
            }

            var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            if (actual != entry.Sha256)
            {
                throw new CorruptModelException(path, $"Model file {path} is corrupt: SHA-256 {actual} does not match the manifest's {entry.Sha256}.");
            }

            files[entry.Name] = content;
        }

        return files;
    }

    /// <summary>True when the folder now resolves to another version than <paramref name="folder"/> (null: resolving failed), or that version is gone.</summary>
    private static bool MovedSince(string directory, string? folder)
    {
        try
        {
            var now = CurrentFolder(directory);
            return folder is null || now != folder || !Directory.Exists(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Available(string directory)
    {
        var complete = ModelFolderLayout.Inspect(directory).CompleteVersions.Select(v => v.Number).ToArray();
        return complete.Length == 0
            ? "there is no complete version here"
            : $"the complete versions here are {string.Join(", ", complete)} (write one of them into it, or save the model again)";
    }

    private static string Excerpt(string text)
    {
        var line = text.Trim();
        var shown = new StringBuilder();
        foreach (var c in line.Length > 20 ? line[..20] : line)
        {
            shown.Append(char.IsControl(c) ? '?' : c);
        }

        return line.Length == 0 ? "nothing" : $"'{shown}{(line.Length > 20 ? "…" : string.Empty)}'";
    }
}
