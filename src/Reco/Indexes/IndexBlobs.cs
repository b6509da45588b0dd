using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Reco.Data.Sources.Parquet;

namespace Reco.Indexes;

/// <summary>
/// Export and import of an index as named blobs: <c>index.json</c> (format, kind, shape, parameters, and
/// the length and SHA-256 of every other blob) beside raw little-endian arrays. Import checks that every
/// blob is present, has the recorded length and digest, and fits the recorded shape, so a truncated,
/// altered or mismatched set is refused with one clear line.
/// </summary>
internal static class IndexBlobs
{
    /// <summary>Name of the manifest blob.</summary>
    public const string Manifest = "index.json";

    /// <summary>The row-major item vectors, in storage order; every kind stores them.</summary>
    public const string ItemsBlob = "items.f32";

    /// <summary>The id of each stored row; every kind stores them.</summary>
    public const string IdsBlob = "ids.i32";

    /// <summary>The manifest field that records the fingerprint of the vectors the index was built from.</summary>
    public const string SourceField = "item_vectors_sha256";

    private const string Format = "reco.vector-index";
    private const int Version = 1;

    /// <summary>Adds the manifest to <paramref name="blobs"/> and returns them.</summary>
    public static IReadOnlyDictionary<string, byte[]> Pack(
        VectorIndexKind kind, int count, int dimension, IReadOnlyDictionary<string, string> parameters, Dictionary<string, byte[]> blobs)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteString("kind", KindName(kind));
            json.WriteNumber("count", count);
            json.WriteNumber("dimension", dimension);
            json.WriteStartObject("parameters");
            foreach (var (key, value) in parameters)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("blobs");
            foreach (var (name, bytes) in blobs.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(name);
                json.WriteNumber("bytes", bytes.LongLength);
                json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        blobs[Manifest] = stream.ToArray();
        return blobs;
    }

    /// <summary>The lower-case name of a kind, as written in manifests and accepted by <see cref="VectorIndex.ParseKind"/>.</summary>
    public static string KindName(VectorIndexKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Reads and checks the manifest and every blob it lists.</summary>
    public static IndexManifest Read(IReadOnlyDictionary<string, byte[]> blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        if (!blobs.TryGetValue(Manifest, out var manifest))
        {
            throw Invalid($"there is no {Manifest}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(manifest);
        }
        catch (JsonException)
        {
            throw Invalid($"{Manifest} is not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "format") != Format)
            {
                throw Invalid($"{Manifest} does not describe a vector index");
            }

            int version = Int(root, "version");
            if (version != Version)
            {
                throw Invalid($"{Manifest} is format version {version}; this build reads version {Version}");
            }

            var kind = VectorIndex.ParseKind(String(root, "kind"));
            int count = Int(root, "count");
            int dimension = Int(root, "dimension");
            if (count < 1 || dimension < 1)
            {
                throw Invalid($"{Manifest} records {count} items of dimension {dimension}");
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            if (!root.TryGetProperty("blobs", out var listed) || listed.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{Manifest} lists no blobs");
            }

            var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in listed.EnumerateObject())
            {
                if (!blobs.TryGetValue(entry.Name, out var bytes))
                {
                    throw Invalid($"blob {entry.Name} is missing");
                }

                long expected = entry.Value.TryGetProperty("bytes", out var b) && b.TryGetInt64(out long v) ? v : -1;
                if (bytes.LongLength != expected)
                {
                    throw Invalid($"blob {entry.Name} holds {bytes.LongLength} bytes but {Manifest} records {expected}");
                }

                string digest = entry.Value.TryGetProperty("sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : "";
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest, StringComparison.Ordinal))
                {
                    throw Invalid($"blob {entry.Name} does not match its SHA-256 in {Manifest} (altered or from another index)");
                }

                data[entry.Name] = bytes;
            }

            string? source = root.TryGetProperty(SourceField, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            return new IndexManifest(kind, count, dimension, parameters, data) { Source = source };
        }
    }

    /// <summary>The one exception type import throws for blobs that do not fit together.</summary>
    public static InvalidDataException Invalid(string reason) => new($"The vector index cannot be loaded: {reason}.");

    public static byte[] Bytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged => MemoryMarshal.AsBytes(values).ToArray();

    private static string? String(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.TryGetInt32(out int result) ? result : throw Invalid($"{Manifest} has no valid \"{name}\"");

    /// <summary>A checked manifest and its blobs.</summary>
    internal sealed class IndexManifest(VectorIndexKind kind, int count, int dimension, Dictionary<string, string> parameters, Dictionary<string, byte[]> blobs)
    {
        public VectorIndexKind Kind { get; } = kind;

        public int Count { get; } = count;

        public int Dimension { get; } = dimension;

        /// <summary>The fingerprint of the item vectors it was built from, when recorded (<see cref="IndexedVectors.Record"/>).</summary>
        public string? Source { get; init; }

        /// <summary>The index's settings as its manifest records them.</summary>
        public IReadOnlyDictionary<string, string> Parameters => parameters;

        /// <summary>A blob of <typeparamref name="T"/> values that must hold exactly <paramref name="length"/> of them.</summary>
        public T[] Array<T>(string name, long length)
            where T : unmanaged
        {
            if (!blobs.TryGetValue(name, out var bytes))
            {
                throw Invalid($"blob {name} is not listed in {Manifest}");
            }

            long expected = length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            if (bytes.LongLength != expected)
            {
                throw Invalid($"blob {name} holds {bytes.LongLength} bytes but {Count} items of dimension {Dimension} need {expected}");
            }

            return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        }

        /// <summary>The raw bytes of a listed blob.</summary>
        public byte[] Raw(string name) => blobs.TryGetValue(name, out var bytes) ? bytes : throw Invalid($"blob {name} is not listed in {Manifest}");

        /// <summary>An integer parameter.</summary>
        public int Parameter(string name)
            => parameters.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw Invalid($"{Manifest} has no valid parameter \"{name}\"");

        /// <summary>A text parameter.</summary>
        public string Text(string name) => parameters.TryGetValue(name, out var text) ? text : throw Invalid($"{Manifest} has no parameter \"{name}\"");

        /// <summary>Checks the ids blob: n distinct ids.</summary>
        public int[] Ids(string name)
        {
            var ids = Array<int>(name, Count);
            try
            {
                IndexInput.Unique(ids, name);
            }
            catch (ArgumentException)
            {
                throw Invalid($"blob {name} repeats an item id");
            }

            return ids;
        }

        /// <summary>Checks a float blob of n × d finite values.</summary>
        public float[] Vectors(string name, long rows)
        {
            var values = Array<float>(name, rows * Dimension);
            foreach (float v in values)
            {
                if (!float.IsFinite(v))
                {
                    throw Invalid($"blob {name} holds a value that is not a finite number");
                }
            }

            return values;
        }
    }
}
