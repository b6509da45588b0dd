using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Indexes;
using Reco.Models;

namespace Reco.Serialization;

/// <summary>
/// A vector index saved inside a model version beside the model (<c>reco train … --save DIR --index ivf</c>,
/// <see cref="RecommenderFile.Save(string, Models.Persistence.IPersistentRecommender, TrainingProvenance?, string?, VectorIndexOptions?)"/>):
/// its blobs are files of the version (<c>index.json</c>, <c>index.items.f32</c>, …), each covered by the
/// version's manifest, and <c>model.json</c> records its kind, settings and a fingerprint of the item vectors
/// it was built from. <see cref="Import"/> uses it only after checking that it holds the model's item vectors.
/// </summary>
public sealed class SavedIndex
{
    /// <summary>The key of the index's entry in <c>model.json</c>.</summary>
    internal const string MetadataKey = "index";

    private const string FilePrefix = "index.";

    private readonly IReadOnlyDictionary<string, byte[]> _blobs;

    private SavedIndex(VectorIndexKind kind, string requested, string choice, int itemCount, int dimension, IReadOnlyDictionary<string, string> settings, string fingerprint, IReadOnlyDictionary<string, byte[]> blobs)
    {
        Kind = kind;
        Requested = requested;
        Choice = choice;
        ItemCount = itemCount;
        Dimension = dimension;
        Settings = settings;
        ItemVectorsSha256 = fingerprint;
        _blobs = blobs;
    }

    /// <summary>How the index searches.</summary>
    public VectorIndexKind Kind { get; }

    /// <summary>The kind asked for when saving (<c>exact</c>, <c>ivf</c>, <c>hnsw</c> or <c>auto</c>).</summary>
    public string Requested { get; }

    /// <summary>Why this kind (the <c>auto</c> rule's figures, or the setting).</summary>
    public string Choice { get; }

    /// <summary>Number of indexed items.</summary>
    public int ItemCount { get; }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>The index's settings (IVF lists and probes, HNSW metric and graph sizes, …).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>SHA-256 of the item vectors it was built from (<see cref="IndexedVectors.Fingerprint"/>).</summary>
    public string ItemVectorsSha256 { get; }

    /// <summary>The kind's name as written in files and accepted by <c>--index</c>.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Recreates the index for <paramref name="model"/> after checking that it belongs to it: the same number
    /// of items and dimension, and every stored vector equal to the model's own item vector (to within
    /// <see cref="IndexedVectors.Tolerance"/>; the fingerprint tells whether they are equal bit for bit).
    /// </summary>
    /// <param name="model">The model the index was saved with.</param>
    /// <param name="items">The model's item vectors (<see cref="IVectorModel.ItemVectors"/>).</param>
    /// <param name="identical">True when the model's item vectors have the recorded fingerprint.</param>
    /// <exception cref="InvalidDataException">The index does not belong to the model's item vectors, or a blob does not fit the others.</exception>
    public IVectorIndex Import(IVectorModel model, ReadOnlySpan<float> items, out bool identical)
    {
        ArgumentNullException.ThrowIfNull(model);
        int d = model.VectorDimension;
        long count = d > 0 ? items.Length / d : 0;
        if (d != Dimension || count != ItemCount)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved {KindName} index covers {ItemCount} items of dimension {Dimension}, but the model has {count} of dimension {d}."));
        }

        CheckedIndex checkedIndex;
        try
        {
            checkedIndex = IndexedVectors.Import(_blobs, items, d);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The saved {KindName} index does not belong to this model: {Detail(e)}.", e);
        }

        var index = checkedIndex.Index;
        if (checkedIndex.RecordedSha256 != ItemVectorsSha256 || index.Kind != Kind)
        {
            index.Dispose();
            throw new InvalidDataException(
                $"The saved index does not belong to this model: its index.json records a {index.Kind.ToString().ToLowerInvariant()} index of item vectors with SHA-256 {Short(checkedIndex.RecordedSha256)}, model.json a {KindName} index of {Short(ItemVectorsSha256)}.");
        }

        identical = checkedIndex.Identical;
        return index;
    }

    /// <summary>
    /// Builds the index named <paramref name="kind"/> over <paramref name="model"/>'s item vectors and returns
    /// the files to add to the version and the entry for <c>model.json</c>.
    /// </summary>
    internal static (Dictionary<string, byte[]> Files, JsonObject Metadata) Build(IVectorModel model, int itemCount, string kind, VectorIndexOptions? options)
    {
        if (!VectorIndex.KindNames.Contains(kind.ToLowerInvariant()))
        {
            throw new ArgumentException($"Unknown index kind \"{kind}\"; expected exact, hnsw, ivf or auto.", nameof(kind));
        }

        options ??= new VectorIndexOptions();
        int d = model.VectorDimension;
        var items = new float[(long)itemCount * d > Array.MaxLength ? throw new NotSupportedException($"{itemCount:N0} item vectors of {d} values do not fit in memory as one array.") : itemCount * d];
        model.ItemVectors(items);
        IVectorIndex index;
        string choice;
        if (string.Equals(kind, "auto", StringComparison.OrdinalIgnoreCase))
        {
            var selection = VectorIndexSelector.Build(items, d, default, options);
            (index, choice) = (selection.Index, selection.Reason);
        }
        else
        {
            index = VectorIndex.Build(kind, items, d, default, options);
            choice = string.Create(CultureInfo.InvariantCulture, $"{kind.ToLowerInvariant()}: chosen by the index setting, {itemCount:N0} items");
        }

        using (index)
        {
            string fingerprint = IndexedVectors.Fingerprint(items);
            var blobs = IndexedVectors.Record(index.Export(), fingerprint);
            var description = VectorIndex.Describe(blobs);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, bytes) in blobs)
            {
                files[FileName(name)] = bytes;
            }

            var metadata = new JsonObject
            {
                ["kind"] = description.Kind.ToString().ToLowerInvariant(),
                ["requested"] = kind.ToLowerInvariant(),
                ["choice"] = choice,
                ["items"] = description.Count,
                ["dimension"] = description.Dimension,
                ["settings"] = new JsonObject([.. description.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                ["item_vectors_sha256"] = fingerprint,
                ["files"] = new JsonArray([.. files.Keys.Order(StringComparer.Ordinal).Select(f => (JsonNode?)f)]),
            };
            return (files, metadata);
        }
    }

    /// <summary>The saved index of a version, from its <c>model.json</c> entry and its files; null when it has none.</summary>
    /// <exception cref="InvalidDataException">The entry and the files do not fit together.</exception>
    internal static SavedIndex? Read(JsonObject header, IReadOnlyDictionary<string, byte[]> files)
    {
        var indexFiles = files.Keys.Where(IsIndexFile).ToArray();
        if (header[MetadataKey] is not JsonObject entry)
        {
            return indexFiles.Length == 0 ? null : throw new InvalidDataException($"the version holds index files ({indexFiles[0]}) but model.json records no index");
        }

        if (indexFiles.Length == 0)
        {
            throw new InvalidDataException("model.json records a saved index but the version holds no index files");
        }

        var blobs = indexFiles.ToDictionary(BlobName, f => files[f], StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entry["settings"] as JsonObject ?? [])
        {
            settings[key] = value?.GetValue<string>() ?? string.Empty;
        }

        return new SavedIndex(
            VectorIndex.ParseKind(Text(entry, "kind")),
            Text(entry, "requested"),
            Text(entry, "choice"),
            entry["items"]?.GetValue<int>() ?? throw new InvalidDataException("model.json's index entry has no item count"),
            entry["dimension"]?.GetValue<int>() ?? throw new InvalidDataException("model.json's index entry has no dimension"),
            settings,
            Text(entry, "item_vectors_sha256"),
            blobs);
    }

    private static string Short(string? fingerprint) => fingerprint is null ? "none recorded" : fingerprint.Length > 12 ? fingerprint[..12] + "…" : fingerprint;

    /// <summary>An import error's reason without its lead-in ("The vector index cannot be loaded: ").</summary>
    private static string Detail(Exception e)
    {
        int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
        return (colon >= 0 ? e.Message[(colon + 2)..] : e.Message).TrimEnd('.');
    }

    private static bool IsIndexFile(string file) => file.StartsWith(FilePrefix, StringComparison.Ordinal);

    /// <summary>An index blob's file name in the version: the index manifest keeps its name, other blobs get the <c>index.</c> prefix.</summary>
    private static string FileName(string blob) => blob == "index.json" ? blob : FilePrefix + blob;

    private static string BlobName(string file) => file == "index.json" ? file : file[FilePrefix.Length..];

    private static string Text(JsonObject entry, string name) =>
        entry[name]?.GetValue<string>() is { Length: > 0 } text ? text : throw new InvalidDataException($"model.json's index entry has no \"{name}\"");
}
