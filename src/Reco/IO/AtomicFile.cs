using System.Text;
using Reco.Serialization;

namespace Reco.IO;

/// <summary>
/// Writes a whole file so that readers see the old content or the new, never part of it: into a hidden
/// temporary sibling, flushed to disk, then renamed over the target (and the folder flushed). It refuses
/// to replace what is not an output: a folder, a device, pipe or socket (<c>/dev/null</c>, <c>/dev/stdout</c>),
/// one of the given input paths (compared with symbolic links followed), or anything inside a saved model folder. A failed write leaves the old file as it
/// was and no temporary file behind, and its one-line error names the target, never the temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker in temporary files' names; see <see cref="ScratchName"/>.</summary>
    internal const string TemporaryMarker = ".reco-tmp-";

    /// <summary>Longest part of the target's name kept in the temporary name (file names are limited to 255 bytes).</summary>
    private const int MaxNameInTemporary = 120;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to write; a symbolic link is followed, and missing folders are created.</param>
    /// <param name="content">The whole new content.</param>
    /// <param name="protectedPaths">Inputs that must not be overwritten: files, or folders nothing may be written into.</param>
    /// <exception cref="OutputRefusedException">The path is a folder, an input, or inside a saved model.</exception>
    /// <exception cref="IOException">Writing failed (the message is one line); the old file is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission was denied; the old file is unchanged.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, IEnumerable<string>? protectedPaths = null)
        => Write(path, content, protectedPaths, onStep: null);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>, atomically; see <see cref="Write(string, ReadOnlySpan{byte}, IEnumerable{string}?)"/>.</summary>
    public static void WriteText(string path, string text, IEnumerable<string>? protectedPaths = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), protectedPaths);
    }

    /// <summary>
    /// Checks that <paramref name="path"/> may be written, without writing: a command can call this
    /// before a long run so that a bad output path fails at once.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="protectedPaths">Inputs: files that may not be replaced and folders that may not be written into.</param>
    /// <param name="modelFolder">A folder a model is about to be saved to, which may not exist yet: nothing may be written into it but the model.</param>
    /// <returns>The file that would be written: the full path with symbolic links followed.</returns>
    /// <exception cref="OutputRefusedException">The path is a folder, a device, pipe or socket, an input, or inside a saved model.</exception>
    public static string CheckTarget(string path, IEnumerable<string>? protectedPaths = null, string? modelFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = PathNames.Resolve(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputRefusedException(path, $"Cannot write '{path}': it is not a valid path.");
        }

        if (ModelDirectory.IsSavedModel(full))
        {
            throw new OutputRefusedException(path, $"Cannot write '{path}': it is a saved model folder, which only model saves may change; write the report somewhere else, such as 'report.json'.");
        }

        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
        {
            throw new OutputRefusedException(path, $"Cannot write '{path}': it is a folder; give a file name, such as '{Path.Combine(path, "report.json")}'.");
        }

        // /dev/stdout redirected to a file resolves to that regular file, which a report would replace: nothing under
        // /dev or /proc is a place for a report, whatever it resolves to.
        if (SpecialFile.Is(full) || SpecialFile.IsSystemPath(Path.GetFullPath(path)) || SpecialFile.IsSystemPath(full))
        {
            throw new OutputRefusedException(path, $"Cannot write '{path}': it is a device, pipe or socket, not a regular file, and a report replaces its file as a whole; give a file name, such as 'report.json'.");
        }

        foreach (var input in protectedPaths ?? [])
        {
            if (string.IsNullOrWhiteSpace(input))
            {
                continue;
            }

            var protectedFull = PathNames.Resolve(input);
            if (PathNames.Equal(full, protectedFull))
            {
                throw new OutputRefusedException(path, $"Cannot write '{path}': it is the input '{input}', which would be overwritten; choose another file name.");
            }

            if (Directory.Exists(protectedFull) && PathNames.IsSameOrInside(full, protectedFull))
            {
                throw new OutputRefusedException(path, $"Cannot write '{path}': it is inside the input folder '{input}'; write outputs somewhere else.");
            }
        }

        if (!string.IsNullOrWhiteSpace(modelFolder) && PathNames.IsSameOrInside(full, PathNames.Resolve(modelFolder)))
        {
            throw new OutputRefusedException(path, $"Cannot write '{path}': it is in the folder '{modelFolder}' the model is saved to, which only model saves may change; write the report somewhere else, such as 'report.json'.");
        }

        for (var folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                throw new OutputRefusedException(path, $"Cannot write '{path}': '{folder}' is a file, not a folder.");
            }

            if (ModelDirectory.IsSavedModel(folder))
            {
                throw new OutputRefusedException(path, $"Cannot write '{path}': it is inside the saved model folder '{folder}', which only model saves may change.");
            }
        }

        return full;
    }

    /// <summary>The write, with a hook called after each step (tests make steps fail through it).</summary>
    internal static void Write(string path, ReadOnlySpan<byte> content, IEnumerable<string>? protectedPaths, Action<AtomicFileStep, string>? onStep)
    {
        var target = CheckTarget(path, protectedPaths);
        var folder = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        var prefix = $".{(name.Length > MaxNameInTemporary ? name[..MaxNameInTemporary] : name)}{TemporaryMarker}";
        string? temporary = null;
        try
        {
            Directory.CreateDirectory(folder);
            ReclaimAbandoned(folder, prefix);
            temporary = Path.Combine(folder, ScratchName.Create(prefix));
            ScratchName.Claim(temporary);
            DurableFile.Write(temporary, content);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target)); // keep the permissions the user gave the file
            }

            onStep?.Invoke(AtomicFileStep.Written, temporary);
            File.Move(temporary, target, overwrite: true);
            onStep?.Invoke(AtomicFileStep.Renamed, target);
            DurableFile.SyncFolder(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(temporary);
            var reason = IoErrors.Reason(e, target, temporary);
            throw e is UnauthorizedAccessException
                ? new UnauthorizedAccessException($"Cannot write '{path}': {reason}.", e)
                : new IOException($"Cannot write '{path}': {reason}.", e);
        }
        catch (Exception e) when (e is not SimulatedCrashException)
        {
            Remove(temporary);
            throw;
        }
        finally
        {
            if (temporary is not null)
            {
                ScratchName.Release(temporary);
            }
        }
    }

    /// <summary>Deletes temporary files of this target left by writes that were killed.</summary>
    private static void ReclaimAbandoned(string folder, string prefix)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, prefix + "*"))
            {
                if (ScratchName.IsAbandoned(file, prefix))
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reclaiming is a courtesy; the write itself goes on.
        }
    }

    private static void Remove(string? temporary)
    {
        if (temporary is null)
        {
            return;
        }

        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file cannot be removed either; the next write of this target reclaims it.
        }
    }
}
