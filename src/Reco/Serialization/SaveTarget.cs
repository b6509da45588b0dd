using Reco.IO;

namespace Reco.Serialization;

/// <summary>
/// Decides whether a model may be saved at a path, before anything is written. A save only ever adds
/// a version to a Reco model folder (or fills an empty or new folder), so it refuses every path where
/// that could cost the user something: the file-system root, the home folder, the current folder or
/// one containing it, a file, a path under a file, a broken link, a version folder inside a model, and
/// a folder that holds other things and no saved model.
/// </summary>
internal static class SaveTarget
{
    /// <summary>Checks <paramref name="directory"/>; returns its full path with links followed, and whether it holds a saved model.</summary>
    /// <exception cref="OutputRefusedException">Saving there is refused; the message says why.</exception>
    public static (string Folder, bool HasModel) Check(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string Refuse(string why) => throw new OutputRefusedException(directory, $"Cannot save the model to '{directory}': {why}");

        if (directory == "~" || directory.StartsWith("~/", StringComparison.Ordinal) || directory.StartsWith("~\\", StringComparison.Ordinal))
        {
            Refuse("a path starting with '~' is not expanded here; write the home folder's full path.");
        }

        string full;
        try
        {
            full = PathNames.Resolve(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = Refuse("it is not a valid path.");
        }

        if (PathNames.Equal(full, Path.GetPathRoot(full) ?? string.Empty))
        {
            Refuse("it is the file-system root; name a new folder, such as './model'.");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && PathNames.Equal(full, PathNames.Resolve(home)))
        {
            Refuse("it is your home folder; name a new folder inside it, such as '~/model'.");
        }

        var current = PathNames.Resolve(Environment.CurrentDirectory);
        if (PathNames.Equal(full, current))
        {
            Refuse("it is the current folder; name a new folder inside it, such as './model'.");
        }

        if (PathNames.IsSameOrInside(current, full))
        {
            Refuse("it contains the current folder; name a new folder, such as './model'.");
        }

        for (var ancestor = Path.GetDirectoryName(full); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                Refuse($"'{ancestor}' is a file, not a folder.");
            }

            if (Directory.Exists(ancestor))
            {
                break;
            }
        }

        // A later save to that model would prune the version, and everything inside it, once it is old.
        for (var ancestor = Path.GetDirectoryName(full); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (IsVersionOfModel(ancestor, out var model))
            {
                Refuse($"it is inside '{ancestor}', a version of the saved model '{model}', which a later save there may delete; name a folder outside that model.");
            }
        }

        if (new FileInfo(Path.GetFullPath(directory)).LinkTarget is { } target && !Path.Exists(full))
        {
            Refuse($"it is a symbolic link to '{target}', which does not exist.");
        }

        if (File.Exists(full))
        {
            Refuse("it is a file, not a folder; saving would replace it. Name a new folder.");
        }

        if (!Directory.Exists(full))
        {
            return (full, false);
        }

        if (IsVersionOfModel(full, out var parent))
        {
            Refuse($"it is a version inside the saved model '{parent}'; save to '{parent}' to add a version.");
        }

        var layout = ModelFolderLayout.Inspect(full);
        if (!layout.IsModel && layout.Foreign.Count > 0)
        {
            Refuse($"it is a folder that holds other files (such as '{layout.Foreign[0]}') and no saved model; saving there could replace them. Name a new or empty folder.");
        }

        return (full, layout.IsModel);
    }

    /// <summary>True when <paramref name="folder"/> is named as a version (or our scratch entry) of a saved model in its parent folder.</summary>
    private static bool IsVersionOfModel(string folder, out string model)
    {
        model = Path.GetDirectoryName(folder) ?? string.Empty;
        var name = Path.GetFileName(folder);
        if (model.Length == 0 || !(ModelFolderLayout.TryParseVersion(name, out _) || ModelFolderLayout.IsScratchName(name)) || !Directory.Exists(model))
        {
            return false;
        }

        try
        {
            // Pruning and reclaiming touch only version folders with a manifest and our scratch entries.
            var layout = ModelFolderLayout.Inspect(model);
            return layout.IsVersioned && (ModelFolderLayout.IsScratchName(name) || layout.Versions.Any(v => Path.GetFileName(v.Path) == name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable: not a model this process could have saved or would prune
        }
    }
}
