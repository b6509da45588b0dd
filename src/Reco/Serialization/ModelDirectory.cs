namespace Reco.Serialization;

/// <summary>
/// A saved model is a base folder of numbered versions, as TensorFlow Serving lays them out
/// (<c>DIR/1</c>, <c>DIR/2</c>, …), each a folder of files plus <c>manifest.json</c> with every file's
/// size and SHA-256, and a pointer file <c>DIR/CURRENT</c> naming the current version.
/// <para>
/// A save writes the new version into a hidden staging folder inside the base, flushes it to disk,
/// renames it to the next number and then replaces the pointer with one rename, so at every instant
/// the folder holds the previous or the new complete model. It keeps the newest
/// <see cref="ModelSaveOptions.KeepVersions"/> versions and deletes only older Reco versions. It never
/// deletes anything else: a file, a folder holding other things, the current or home folder or the
/// root are refused. Staging folders left by killed saves are reclaimed by the next save.
/// </para>
/// <para>
/// Reading follows the pointer and checks every file against the manifest. Folders saved in the
/// earlier flat layout (the manifest and files directly in the folder) are read as before; saving onto
/// one turns its model into version 1 and the new model into version 2.
/// </para>
/// </summary>
public static class ModelDirectory
{
    /// <summary>The manifest's file name (in each version folder).</summary>
    public const string ManifestName = ModelManifest.FileName;

    /// <summary>The pointer file's name: it holds the current version's number.</summary>
    public const string PointerName = ModelFolderLayout.PointerName;

    /// <summary>Saves <paramref name="files"/> (name → content) as a new version of the model folder <paramref name="directory"/>.</summary>
    /// <param name="directory">The model base folder: new, empty, or holding a saved model.</param>
    /// <param name="kind">What kind of model this is (checked on load).</param>
    /// <param name="files">File names (no folders) and their contents.</param>
    /// <param name="options">How many versions to keep and how long to wait for another save; the defaults when null.</param>
    /// <exception cref="Reco.IO.OutputRefusedException">Saving there could destroy something that is not a saved model; nothing was written.</exception>
    /// <exception cref="IOException">Writing failed (the message is one line); the previous model is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission was denied; the previous model is unchanged.</exception>
    public static void Write(string directory, string kind, IReadOnlyDictionary<string, byte[]> files, ModelSaveOptions? options = null)
        => ModelSave.Run(directory, kind, files, options);

    /// <summary>
    /// Checks, without writing anything, that a model may be saved at <paramref name="directory"/>, so
    /// that a command can refuse a bad <c>--save</c> path before a long training run.
    /// </summary>
    /// <returns>True when the folder already holds a saved model (the save will add a version).</returns>
    /// <exception cref="Reco.IO.OutputRefusedException">Saving there could destroy something that is not a saved model.</exception>
    public static bool CheckSaveTarget(string directory) => SaveTarget.Check(directory).HasModel;

    /// <summary>Reads every file of the current model after checking it against the manifest.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="kind">The kind of model expected.</param>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated, altered, or the manifest or pointer is unreadable.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(string directory, string kind) => ModelReader.Read(directory, kind);

    /// <summary>Reads version <paramref name="version"/> of the model folder, whether or not it is the current one.</summary>
    /// <exception cref="ModelNotFoundException">There is no such version.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated or altered.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(string directory, string kind, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = VersionPath(directory, version);
        if (!Directory.Exists(folder))
        {
            throw new ModelNotFoundException($"The model folder '{directory}' has no version {version}.");
        }

        return ModelReader.ReadVersion(folder, kind, folder);
    }

    /// <summary>The kind recorded in the current model's manifest, or null when there is no readable model.</summary>
    public static string? ReadKind(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            var manifest = Path.Combine(ModelReader.CurrentFolder(directory), ManifestName);
            return File.Exists(manifest) ? ModelManifest.Parse(manifest, File.ReadAllBytes(manifest)).Kind : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder whose files make up the current model: the version the pointer names, the folder
    /// itself for the earlier flat layout, or (no pointer yet) the newest complete version.
    /// </summary>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">The pointer is unreadable or names a missing version.</exception>
    public static string CurrentFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return ModelReader.CurrentFolder(directory);
    }

    /// <summary>The version the pointer names, or null when there is no pointer (no model yet, or the earlier flat layout).</summary>
    /// <exception cref="CorruptModelException">The pointer does not hold a version number.</exception>
    public static int? CurrentVersion(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var pointer = Path.Combine(directory, PointerName);
        if (!File.Exists(pointer))
        {
            return null;
        }

        var text = ModelFolderLayout.ReadPointerText(pointer);
        return ModelFolderLayout.ParsePointer(text)
            ?? throw new CorruptModelException(pointer, $"{pointer} should hold the number of the current version.");
    }

    /// <summary>
    /// The complete versions, oldest first: numbered folders whose manifest is valid and whose files are
    /// all present with their listed sizes (checksums are checked when a version is read). A server
    /// loads the last and watches for newer ones.
    /// </summary>
    public static IReadOnlyList<int> ListVersions(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Directory.Exists(directory) ? [.. ModelFolderLayout.Inspect(directory).CompleteVersions.Select(v => v.Number)] : [];
    }

    /// <summary>
    /// Numbered folders, oldest first, that hold a manifest file but not a complete version: the manifest does not
    /// parse, or a file it lists is missing or of another size. A save never leaves one (versions appear by
    /// rename), so each is damage to report; a numbered folder without a manifest is someone else's.
    /// </summary>
    public static IReadOnlyList<int> ListDamagedVersions(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var complete = ModelFolderLayout.Inspect(directory).CompleteVersions.Select(v => v.Number).ToHashSet();
        return [.. new DirectoryInfo(directory).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && File.Exists(Path.Combine(d.FullName, ManifestName)))
            .Select(d => ModelFolderLayout.TryParseVersion(d.Name, out int number) ? number : 0)
            .Where(number => number > 0 && !complete.Contains(number))
            .Order()];
    }

    /// <summary>The newest complete version, or null when there is none.</summary>
    public static int? NewestCompleteVersion(string directory) => ListVersions(directory) is [.., int newest] ? newest : null;

    /// <summary>The folder of version <paramref name="version"/>; <c>RecommenderFile.Load</c> and <c>TwoTowerModelFile.Load</c> read it like a model folder.</summary>
    public static string VersionPath(string directory, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        return ModelFolderLayout.VersionPath(directory, version);
    }

    /// <summary>True when <paramref name="folder"/> holds a saved model, in either layout.</summary>
    public static bool IsSavedModel(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        try
        {
            if (!Directory.Exists(folder))
            {
                return false;
            }

            var pointer = Path.Combine(folder, PointerName);
            if (File.Exists(pointer) && ModelFolderLayout.ParsePointer(ModelFolderLayout.ReadPointerText(pointer)) is int version
                && ModelManifest.TryRead(ModelFolderLayout.VersionPath(folder, version)) is not null)
            {
                return true;
            }

            if (File.Exists(Path.Combine(folder, ManifestName)))
            {
                return ModelManifest.TryRead(folder) is not null;
            }

            // A base whose first save stopped before its pointer was written.
            return File.Exists(Path.Combine(folder, ModelFolderLayout.LockName)) && ModelFolderLayout.Inspect(folder).IsVersioned;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
