using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reco.Serialization;

/// <summary>One file of a saved model as its manifest describes it.</summary>
internal sealed record ManifestEntry(string Name, long Bytes, string Sha256);

/// <summary>
/// The <c>manifest.json</c> of a model version: <c>{"format": "reco-model", "version": 1, "kind": ...,
/// "files": {name: {"bytes": n, "sha256": hex}}}</c>. Parsing checks every field's type, so a
/// hand-edited manifest is a <see cref="CorruptModelException"/> that names it, never a crash.
/// </summary>
internal sealed class ModelManifest
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    private const string FormatName = "reco-model";
    private const int FormatVersion = 1;
    private const int MaxShownValue = 40;

    private ModelManifest(string kind, IReadOnlyList<ManifestEntry> files)
    {
        Kind = kind;
        Files = files;
    }

    /// <summary>What kind of model the folder holds (<c>two-tower</c>, <c>recommender</c>, …).</summary>
    public string Kind { get; }

    /// <summary>The files, in manifest order.</summary>
    public IReadOnlyList<ManifestEntry> Files { get; }

    /// <summary>True for a name a model file may have: one plain name, not the manifest's.</summary>
    public static bool IsValidFileName(string name) =>
        !string.IsNullOrEmpty(name) && name is not "." and not ".." && name != FileName
        && name.IndexOfAny(['/', '\\', '\0']) < 0 && name == Path.GetFileName(name);

    /// <summary>The manifest of <paramref name="files"/>, as UTF-8 JSON.</summary>
    public static byte[] Create(string kind, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var entries = new JsonObject();
        foreach (var (name, content) in files)
        {
            entries[name] = new JsonObject { ["bytes"] = content.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) };
        }

        var manifest = new JsonObject { ["format"] = FormatName, ["version"] = FormatVersion, ["kind"] = kind, ["files"] = entries };
        return JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Parses and checks a manifest.</summary>
    /// <param name="path">Where it was read from (named in errors).</param>
    /// <param name="content">Its bytes.</param>
    /// <exception cref="CorruptModelException">It is not valid JSON, not a Reco manifest, or a field has the wrong type.</exception>
    public static ModelManifest Parse(string path, byte[] content)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(content) as JsonObject ?? throw new CorruptModelException(path, $"{path} is not a Reco model manifest: it is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CorruptModelException(path, $"{path} is not valid JSON ({e.Message}).");
        }

        try
        {
            return Check(path, root);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // Duplicate keys and other shapes the checks below did not foresee.
            throw new CorruptModelException(path, $"{path} is not a valid Reco model manifest ({e.Message}).");
        }
    }

    /// <summary>The manifest in <paramref name="folder"/>, or null when it is missing or not a valid Reco manifest.</summary>
    public static ModelManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(path) ? Parse(path, File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when every file the manifest lists is in <paramref name="folder"/> with the listed size (checksums are checked on reading).</summary>
    public bool IsCompleteIn(string folder)
    {
        foreach (var entry in Files)
        {
            var file = new FileInfo(Path.Combine(folder, entry.Name));
            if (!file.Exists || file.Length != entry.Bytes)
            {
                return false;
            }
        }

        return true;
    }

    private static ModelManifest Check(string path, JsonObject root)
    {
        if (Text(root["format"]) != FormatName)
        {
            throw new CorruptModelException(path, $"{path} is not a Reco model manifest (its \"format\" is {Shown(root["format"])}, not \"{FormatName}\").");
        }

        if (root["version"] is not JsonValue versionNode || !TryWhole(versionNode, out long version))
        {
            throw new CorruptModelException(path, $"{path} has an invalid \"version\" ({Shown(root["version"])}); it should be {FormatVersion}.");
        }

        if (version != FormatVersion)
        {
            throw new CorruptModelException(path, $"{path} has manifest version {version}; this version of Reco reads version {FormatVersion} (was the model saved by a newer Reco?).");
        }

        var kind = Text(root["kind"]);
        if (string.IsNullOrEmpty(kind))
        {
            throw new CorruptModelException(path, $"{path} has an invalid \"kind\" ({Shown(root["kind"])}); it should name the kind of model.");
        }

        if (root["files"] is not JsonObject files)
        {
            throw new CorruptModelException(path, $"{path} has an invalid \"files\" ({Describe(root["files"])}); it should be an object of file entries.");
        }

        var entries = new List<ManifestEntry>(files.Count);
        foreach (var (name, node) in files)
        {
            if (!IsValidFileName(name))
            {
                throw new CorruptModelException(path, $"{path} lists an invalid file name {Shown(JsonValue.Create(name))}.");
            }

            if (node is not JsonObject entry)
            {
                throw new CorruptModelException(path, $"{path}: the entry of '{name}' should be an object with \"bytes\" and \"sha256\", not {Describe(node)}.");
            }

            if (entry["bytes"] is not JsonValue bytesNode || !TryWhole(bytesNode, out long bytes) || bytes < 0)
            {
                throw new CorruptModelException(path, $"{path}: the entry of '{name}' has an invalid \"bytes\" ({Shown(entry["bytes"])}); it should be a whole number of bytes.");
            }

            var sha = Text(entry["sha256"]);
            if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            {
                throw new CorruptModelException(path, $"{path}: the entry of '{name}' has an invalid \"sha256\" ({Shown(entry["sha256"])}); it should be 64 hexadecimal digits.");
            }

            entries.Add(new ManifestEntry(name, bytes, sha.ToLowerInvariant()));
        }

        return new ModelManifest(kind, entries);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool TryWhole(JsonValue value, out long result)
    {
        result = 0;
        return value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out result);
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "missing",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => Shown(node),
    };

    private static string Shown(JsonNode? node)
    {
        if (node is null)
        {
            return "missing";
        }

        var json = node.ToJsonString();
        return json.Length <= MaxShownValue ? json : string.Create(CultureInfo.InvariantCulture, $"{json[..MaxShownValue]}…");
    }
}
