using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reco.Serialization;

/// <summary>
/// A saved model is a folder of files plus <c>manifest.json</c> holding each file's size and SHA-256.
/// It is written atomically (into a temporary sibling folder, then renamed into place), so a crash
/// never leaves a half-written model, and every file is checked against the manifest when read.
/// </summary>
public static class ModelDirectory
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "manifest.json";

    private const string FormatName = "reco-model";

    /// <summary>Writes <paramref name="files"/> (name → content) as the folder <paramref name="directory"/>, replacing any previous one.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="kind">What kind of model this is (checked on load).</param>
    /// <param name="files">File names (no folders) and their contents.</param>
    public static void Write(string directory, string kind, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(files);
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("A model cannot be saved at the file-system root.", nameof(directory));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var entries = new JsonObject();
            foreach (var (name, content) in files)
            {
                if (name != Path.GetFileName(name) || name == ManifestName)
                {
                    throw new ArgumentException($"'{name}' is not a valid model file name.", nameof(files));
                }

                WriteDurably(Path.Combine(staging, name), content);
                entries[name] = new JsonObject { ["bytes"] = content.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) };
            }

            var manifest = new JsonObject { ["format"] = FormatName, ["version"] = 1, ["kind"] = kind, ["files"] = entries };
            WriteDurably(Path.Combine(staging, ManifestName), JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true }));

            // Swap the finished folder into place; the old model, if any, is only removed after.
            string? previous = null;
            if (Directory.Exists(target))
            {
                previous = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
                Directory.Move(target, previous);
            }
            else if (File.Exists(target))
            {
                throw new IOException($"Cannot save the model to '{target}': a file with that name exists.");
            }

            Directory.Move(staging, target);
            if (previous is not null)
            {
                Directory.Delete(previous, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Reads every file of a model folder after checking it against the manifest.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="kind">The kind of model expected.</param>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated, altered, or the manifest is unreadable.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(string directory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifestPath = Path.Combine(directory, ManifestName);
        if (!Directory.Exists(directory))
        {
            throw new ModelNotFoundException($"No model folder at '{directory}'. Train one with `reco train ... --save {directory}`.");
        }

        if (!File.Exists(manifestPath))
        {
            throw new CorruptModelException(manifestPath, $"'{directory}' has no {ManifestName}; it is not a saved model, or saving it did not finish.");
        }

        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllBytes(manifestPath)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new CorruptModelException(manifestPath, $"{manifestPath} is not valid JSON ({e.Message}).");
        }

        if ((string?)manifest["format"] != FormatName || manifest["files"] is not JsonObject entries)
        {
            throw new CorruptModelException(manifestPath, $"{manifestPath} is not a Reco model manifest.");
        }

        if ((string?)manifest["kind"] != kind)
        {
            throw new CorruptModelException(manifestPath, $"'{directory}' holds a '{(string?)manifest["kind"]}' model, not a '{kind}' model.");
        }

        var files = new Dictionary<string, byte[]>();
        foreach (var (name, node) in entries)
        {
            var path = Path.Combine(directory, name);
            if (name != Path.GetFileName(name) || node is not JsonObject entry)
            {
                throw new CorruptModelException(manifestPath, $"{manifestPath} has an invalid entry '{name}'.");
            }

            if (!File.Exists(path))
            {
                throw new CorruptModelException(path, $"Model file {path} is missing.");
            }

            var content = File.ReadAllBytes(path);
            long expectedBytes = (long?)entry["bytes"] ?? -1;
            if (content.Length != expectedBytes)
            {
                throw new CorruptModelException(path, $"Model file {path} is {content.Length} bytes but the manifest says {expectedBytes}: it is truncated or was modified.");
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(content));
            var expected = (string?)entry["sha256"];
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new CorruptModelException(path, $"Model file {path} is corrupt: SHA-256 {actual} does not match the manifest's {expected}.");
            }

            files[name] = content;
        }

        return files;
    }

    /// <summary>The kind recorded in the folder's manifest, or null when there is no readable manifest.</summary>
    public static string? ReadKind(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifestPath = Path.Combine(directory, ManifestName);
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        try
        {
            return (string?)(JsonNode.Parse(File.ReadAllBytes(manifestPath)) as JsonObject)?["kind"];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteDurably(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
