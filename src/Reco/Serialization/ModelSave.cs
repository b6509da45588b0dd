using System.Globalization;
using System.Text;
using Reco.IO;

namespace Reco.Serialization;

/// <summary>
/// One save of a model into a base folder, as a transaction: stage the new version in a hidden folder
/// inside the base, flush it, rename it to the next version number, then replace the pointer by one
/// rename. Until that last rename the base holds the previous model; from it on, the new one. Only
/// afterwards are old versions pruned (renamed aside, then deleted), so a reader never meets half a
/// version. Anything that fails before the pointer moves undoes this save's own entries and leaves
/// the previous model as it was; what fails after it (pruning) is only tidying, left to the next save.
/// </summary>
internal sealed class ModelSave
{
    private readonly string _shown;
    private readonly string _base;
    private readonly string _kind;
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly ModelSaveOptions _options;
    private readonly List<string> _claimed = [];
    private readonly List<string> _uncommittedVersions = [];
    private readonly List<string> _retired = [];
    private bool _committed;
    private bool _hadModel;

    private ModelSave(string shown, string baseFolder, string kind, IReadOnlyDictionary<string, byte[]> files, ModelSaveOptions options)
    {
        _shown = shown;
        _base = baseFolder;
        _kind = kind;
        _files = files;
        _options = options;
    }

    /// <summary>Saves <paramref name="files"/> as a new version of the model at <paramref name="directory"/>; see <see cref="ModelDirectory.Write"/>.</summary>
    public static void Run(string directory, string kind, IReadOnlyDictionary<string, byte[]> files, ModelSaveOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(files);
        options ??= ModelSaveOptions.Default;
        if (options.KeepVersions < 1)
        {
            throw new ArgumentException($"A model folder must keep at least 1 version, not {options.KeepVersions}.", nameof(options));
        }

        foreach (var (name, content) in files)
        {
            if (!ModelManifest.IsValidFileName(name))
            {
                throw new ArgumentException($"'{name}' is not a valid model file name.", nameof(files));
            }

            ArgumentNullException.ThrowIfNull(content, $"{nameof(files)}[{name}]");
        }

        var (baseFolder, hasModel) = SaveTarget.Check(directory);
        new ModelSave(directory, baseFolder, kind, files, options) { _hadModel = hasModel }.Run();
    }

    private void Run()
    {
        var missing = MissingFolders(_base);
        try
        {
            Directory.CreateDirectory(_base);
            using (var folderLock = BaseFolderLock.Acquire(_base, _options.LockTimeout))
            {
                Step(SaveStep.Locked, _base);
                Commit();
                TidyAfterCommit();
            }

            Step(SaveStep.Unlocked, _base);
            foreach (var retired in _retired)
            {
                Delete(retired);
                Step(SaveStep.RetiredDeleted, retired);
            }
        }
        catch (Exception e) when (!_committed && e is not SimulatedCrashException)
        {
            Undo(missing);
            throw Explain(e);
        }
        catch (Exception e) when (_committed && e is IOException or UnauthorizedAccessException)
        {
            // The new model is in place; only tidying failed, and the next save does it.
        }
        finally
        {
            foreach (var path in _claimed)
            {
                ScratchName.Release(path);
            }
        }
    }

    /// <summary>Everything up to and including the pointer's replacement.</summary>
    private void Commit()
    {
        var layout = ModelFolderLayout.Inspect(_base);
        if (!layout.IsModel && layout.Foreign.Count > 0)
        {
            // Someone filled the folder between the check and the lock.
            throw new OutputRefusedException(_shown, $"Cannot save the model to '{_shown}': it now holds other files (such as '{layout.Foreign[0]}') and no saved model.");
        }

        if (layout.HasPointer && !layout.IsVersioned)
        {
            throw new OutputRefusedException(_shown, $"Cannot save the model to '{_shown}': it holds a file named '{ModelFolderLayout.PointerName}' that is not a Reco version pointer, and saving would replace it.");
        }

        _hadModel = layout.IsModel;
        Reclaim(layout.Scratch);
        Step(SaveStep.Reclaimed, _base);

        var staging = Stage();
        int next = layout.HighestNumber + 1;
        if (layout.FlatManifest is { } flat && !layout.HasPointer)
        {
            // The earlier flat layout: its model keeps serving (readers prefer it while there is no
            // pointer) until the pointer names the new version; its copy stays as the previous version.
            VersionFlatModel(flat, next++);
        }

        var version = ModelFolderLayout.VersionPath(_base, next);
        Directory.Move(staging, version);
        _uncommittedVersions.Add(version);
        DurableFile.SyncFolder(_base);
        Step(SaveStep.VersionRenamed, version);

        var pointer = Scratch(ModelFolderLayout.PointerTemporaryPrefix);
        DurableFile.Write(pointer, Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n"));
        Step(SaveStep.PointerWritten, pointer);
        File.Move(pointer, Path.Combine(_base, ModelFolderLayout.PointerName), overwrite: true);
        _committed = true;
        Step(SaveStep.PointerReplaced, Path.Combine(_base, ModelFolderLayout.PointerName));
    }

    /// <summary>After the commit: flush the pointer's rename, remove a converted flat model's files, retire old versions. Failures here leave only extra files for the next save.</summary>
    private void TidyAfterCommit()
    {
        try
        {
            DurableFile.SyncFolder(_base);
            var layout = ModelFolderLayout.Inspect(_base);
            if (layout.FlatManifest is { } flat)
            {
                // Manifest first: without it the remaining files are not a model to anyone.
                File.Delete(Path.Combine(_base, ModelManifest.FileName));
                foreach (var entry in flat.Files)
                {
                    var file = new FileInfo(Path.Combine(_base, entry.Name));
                    if (file.Exists && file.LinkTarget is null)
                    {
                        file.Delete();
                    }
                }

                Step(SaveStep.FlatModelRemoved, _base);
            }

            Prune(layout);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The new model is in place; leftovers are reclaimed or pruned by the next save.
        }
    }

    /// <summary>Writes the new version into a staging folder and flushes it.</summary>
    private string Stage()
    {
        var staging = Scratch(ModelFolderLayout.StagingPrefix);
        Directory.CreateDirectory(staging);
        Step(SaveStep.StagingCreated, staging);
        foreach (var (name, content) in _files)
        {
            var path = Path.Combine(staging, name);
            DurableFile.Write(path, content);
            Step(SaveStep.FileWritten, path);
        }

        // The manifest goes last: a folder with a manifest is a complete version.
        var manifest = Path.Combine(staging, ModelManifest.FileName);
        DurableFile.Write(manifest, ModelManifest.Create(_kind, _files));
        Step(SaveStep.ManifestWritten, manifest);
        DurableFile.SyncFolder(staging);
        Step(SaveStep.StagingSynced, staging);
        return staging;
    }

    /// <summary>Copies a flat-layout model into version <paramref name="number"/> (its files stay where they are until the commit).</summary>
    private void VersionFlatModel(ModelManifest flat, int number)
    {
        var staging = Scratch(ModelFolderLayout.StagingPrefix);
        Directory.CreateDirectory(staging);
        foreach (var entry in flat.Files)
        {
            var source = Path.Combine(_base, entry.Name);
            if (File.Exists(source))
            {
                DurableFile.Copy(source, Path.Combine(staging, entry.Name));
            }
        }

        DurableFile.Copy(Path.Combine(_base, ModelManifest.FileName), Path.Combine(staging, ModelManifest.FileName));
        DurableFile.SyncFolder(staging);
        var version = ModelFolderLayout.VersionPath(_base, number);
        Directory.Move(staging, version);
        _uncommittedVersions.Add(version);
        DurableFile.SyncFolder(_base);
        Step(SaveStep.FlatModelVersioned, version);
    }

    /// <summary>Retires Reco versions beyond the newest <see cref="ModelSaveOptions.KeepVersions"/> complete ones, never the current one or a newer one.</summary>
    private void Prune(ModelFolderLayout layout)
    {
        if (!layout.IsVersioned || layout.Pointer is not int current)
        {
            return;
        }

        var keep = layout.CompleteVersions.Select(v => v.Number).OrderDescending().Take(_options.KeepVersions).ToHashSet();
        keep.Add(current);
        // A version that holds anything its manifest does not list (the user's files, or a folder saved into it by
        // hand) is left in place: pruning deletes only what a save wrote.
        foreach (var version in layout.Versions.Where(v => v.Number < current && !keep.Contains(v.Number) && ModelFolderLayout.HoldsOnlyItsModel(v)))
        {
            var trash = Scratch(ModelFolderLayout.TrashPrefix);
            Directory.Move(version.Path, trash);
            _retired.Add(trash);
            Step(SaveStep.VersionRetired, version.Path);
        }

        DurableFile.SyncFolder(_base);
    }

    /// <summary>Deletes the scratch entries of saves that were killed or failed (see <see cref="ScratchName"/>).</summary>
    private static void Reclaim(IEnumerable<string> scratch)
    {
        foreach (var path in scratch)
        {
            if (ScratchName.IsAbandoned(path, ModelFolderLayout.ScratchPrefixOf(Path.GetFileName(path))))
            {
                Delete(path);
            }
        }
    }

    /// <summary>Before the commit failed: remove this save's entries and any folder it created.</summary>
    private void Undo(IReadOnlyList<string> createdFolders)
    {
        foreach (var path in _claimed.Concat(_uncommittedVersions))
        {
            Delete(path);
        }

        if (createdFolders.Count == 0)
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(_base, ModelFolderLayout.LockName));
            foreach (var folder in createdFolders)
            {
                Directory.Delete(folder); // only when empty
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not empty after all (another save, or the user): leave it.
        }
    }

    /// <summary>The one-line error for a failure before the commit.</summary>
    private Exception Explain(Exception error)
    {
        var after = _hadModel ? "the previous model is unchanged" : "nothing was saved";
        var hidden = _claimed.Concat(_uncommittedVersions).Append(_base).ToArray(); // longest first: scratch paths lie inside the base
        return error switch
        {
            ArgumentException => error,
            UnauthorizedAccessException => new UnauthorizedAccessException($"Cannot save the model to '{_shown}': permission denied; {after}.", error),
            TimeoutException => new IOException($"Cannot save the model to '{_shown}': {error.Message}; {after}.", error),
            IOException => new IOException($"Cannot save the model to '{_shown}': {IoErrors.Reason(error, _shown, hidden)}; {after}.", error),
            _ => error,
        };
    }

    private string Scratch(string prefix)
    {
        var path = Path.Combine(_base, ScratchName.Create(prefix));
        ScratchName.Claim(path);
        _claimed.Add(path);
        return path;
    }

    private void Step(SaveStep step, string path) => _options.OnStep?.Invoke(step, path);

    private static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reclaimed by the next save.
        }
    }

    /// <summary>The folders on the way to <paramref name="folder"/> that do not exist yet, deepest first.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (var f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
        {
            missing.Add(f);
        }

        return missing;
    }
}
