using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Indexes;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Data.Sources.Parquet;

namespace Reco.Serialization;

/// <summary>
/// Saves and loads any <see cref="IPersistentRecommender"/> — every model of the catalogue, a two-tower
/// model built in code, a blend — as one checksummed <see cref="ModelDirectory"/>: the algorithm's
/// catalogue name, options and structure, the training interactions (what "seen" means), the id maps with
/// their display labels, what the model was trained on, and the fitted parameters. Loading rebuilds the
/// model through <see cref="AlgorithmCatalog"/> and restores its parameters without refitting.
/// </summary>
public static class RecommenderFile
{
    /// <summary>The manifest kind of these folders.</summary>
    public const string Kind = "recommender";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="model"/> to <paramref name="directory"/>, atomically.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="model">A fitted model.</param>
    /// <param name="provenance">What it was trained on; its row count and digest are filled in from the model's training data.</param>
    public static void Save(string directory, IPersistentRecommender model, TrainingProvenance? provenance = null) => _ = Save(directory, model, provenance, null);

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="directory"/>, atomically, with a vector index over its
    /// item vectors in the same version (see <see cref="SavedIndex"/>): the index is built before anything is
    /// written, its files are covered by the version's manifest, and the version is switched in with them, so
    /// a reader sees the model and its index together or neither.
    /// </summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="model">A fitted model.</param>
    /// <param name="provenance">What it was trained on; its row count and digest are filled in from the model's training data.</param>
    /// <param name="index"><c>exact</c>, <c>ivf</c>, <c>hnsw</c> or <c>auto</c> to save that index beside the model; <see langword="null"/> for none.</param>
    /// <param name="indexOptions">Settings of the index kinds; the defaults when null.</param>
    /// <exception cref="ArgumentException">An index is asked for a model without item vectors (not an <see cref="IVectorModel"/>), or the kind is unknown.</exception>
    /// <exception cref="NotSupportedException">An HNSW index is asked for where USearch's native library cannot be loaded.</exception>
    /// <returns>The kind of the saved index (what <c>auto</c> chose), or null when none was asked for.</returns>
    public static VectorIndexKind? Save(string directory, IPersistentRecommender model, TrainingProvenance? provenance, string? index, VectorIndexOptions? indexOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var train = model.TrainingData ?? throw new InvalidOperationException($"Fit the {model.Name} model before saving it.");
        (Dictionary<string, byte[]> Files, JsonObject Metadata)? savedIndex = null;
        if (index is not null)
        {
            var vectors = model as IVectorModel ?? throw new ArgumentException(NoItemVectors(model.Name), nameof(index));
            savedIndex = SavedIndex.Build(vectors, train.ItemCount, index, indexOptions);
        }

        var state = model.ExportState();
        var trainedOn = (provenance ?? new TrainingProvenance("unknown", "unknown", null, "unknown", 0)) with
        {
            Rows = train.Count,
            RowsDigest = InteractionsDigest.Of(train),
            Saved = DateTimeOffset.UtcNow,
        };
        var header = new JsonObject
        {
            ["algorithm"] = model.Name,
            ["options"] = new JsonObject([.. state.Options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]),
            ["structure"] = state.Structure?.DeepClone(),
            ["trained_on"] = JsonSerializer.SerializeToNode(trainedOn, ProvenanceJson.Options),
        };
        if (savedIndex is { } built)
        {
            header[SavedIndex.MetadataKey] = built.Metadata;
        }

        var files = new Dictionary<string, byte[]>
        {
            ["model.json"] = JsonSerializer.SerializeToUtf8Bytes(header, Indented),
            ["users.json"] = JsonSerializer.SerializeToUtf8Bytes(train.Users.Ids),
            ["items.json"] = JsonSerializer.SerializeToUtf8Bytes(train.Items.Ids),
            ["interactions.users.i32"] = Bytes(train.UserIndices),
            ["interactions.items.i32"] = Bytes(train.ItemIndices),
        };
        if (train.HasRatings)
        {
            files["interactions.ratings.f32"] = Bytes(train.Ratings);
        }

        if (train.HasTimestamps)
        {
            files["interactions.times.i64"] = Bytes(train.Timestamps);
        }

        if (train.Items.HasLabels)
        {
            files["item_labels.json"] = JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(0, train.ItemCount).Select(train.Items.LabelOf).ToArray());
        }

        foreach (var (name, values) in state.Floats)
        {
            files[$"param.{name}.f32"] = Bytes<float>(values);
        }

        foreach (var (name, values) in state.Doubles)
        {
            files[$"param.{name}.f64"] = Bytes<double>(values);
        }

        foreach (var (name, values) in state.Ints)
        {
            files[$"param.{name}.i32"] = Bytes<int>(values);
        }

        foreach (var (name, values) in state.Strings)
        {
            files[$"param.{name}.json"] = JsonSerializer.SerializeToUtf8Bytes(values);
        }

        foreach (var (name, content) in savedIndex?.Files ?? [])
        {
            files.Add(name, content);
        }

        ModelDirectory.Write(directory, Kind, files);
        return savedIndex is { } saved ? VectorIndex.ParseKind(saved.Metadata["kind"]!.GetValue<string>()) : null;
    }

    /// <summary>The one-line refusal of an index for a model without item vectors.</summary>
    public static string NoItemVectors(string algorithm) =>
        $"The {algorithm} model has no item vectors, so there is no vector index to save with it; --index works with the als, bpr, biased-mf, svdpp and two-tower models.";

    /// <summary>Loads a model saved by <see cref="Save(string, IPersistentRecommender, TrainingProvenance?, string?, VectorIndexOptions?)"/>, verifying every file first.</summary>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated, altered, or does not fit the others.</exception>
    public static SavedModel Load(string directory)
    {
        var files = ModelDirectory.Read(directory, Kind);
        try
        {
            var header = ParseJson(Require(files, "model.json", directory), "model.json") as JsonObject ?? throw new InvalidDataException("model.json is not an object.");
            var name = header["algorithm"] is null ? throw new InvalidDataException("model.json names no algorithm.") : Text(header["algorithm"], "model.json's \"algorithm\"");
            var state = new ModelState { Structure = header["structure"]?.DeepClone() as JsonObject };
            foreach (var (key, value) in header["options"] as JsonObject ?? [])
            {
                state.Options[key] = value is null ? string.Empty : Text(value, $"model.json's option \"{key}\"");
            }

            foreach (var (file, content) in files)
            {
                if (!file.StartsWith("param.", StringComparison.Ordinal))
                {
                    continue;
                }

                var stem = file[6..file.LastIndexOf('.')];
                switch (Path.GetExtension(file))
                {
                    case ".f32":
                        state.Floats[stem] = Values<float>(content, file);
                        break;
                    case ".f64":
                        state.Doubles[stem] = Values<double>(content, file);
                        break;
                    case ".i32":
                        state.Ints[stem] = Values<int>(content, file);
                        break;
                    case ".json":
                        state.Strings[stem] = Strings(content, file);
                        break;
                }
            }

            var users = new IdMap(Strings(Require(files, "users.json", directory), "users.json"));
            var items = new IdMap(Strings(Require(files, "items.json", directory), "items.json"));
            if (files.TryGetValue("item_labels.json", out var l) && Strings(l, "item_labels.json") is { } labels)
            {
                if (labels.Length != items.Count)
                {
                    throw new InvalidDataException($"item_labels.json has {labels.Length} labels for {items.Count} items.");
                }

                for (int i = 0; i < labels.Length; i++)
                {
                    items.SetLabel(i, labels[i] == items[i] ? null : labels[i]);
                }
            }

            var train = new Interactions(
                users,
                items,
                Values<int>(Require(files, "interactions.users.i32", directory), "interactions.users.i32"),
                Values<int>(Require(files, "interactions.items.i32", directory), "interactions.items.i32"),
                files.TryGetValue("interactions.ratings.f32", out var r) ? Values<float>(r, "interactions.ratings.f32") : null,
                files.TryGetValue("interactions.times.i64", out var t) ? Values<long>(t, "interactions.times.i64") : null);
            var provenance = header["trained_on"] is JsonObject trainedOn ? Provenance(trainedOn) : null;
            SavedIndex? savedIndex;
            try
            {
                savedIndex = SavedIndex.Read(header, files);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new InvalidDataException("model.json's index entry holds a value of the wrong kind.", e);
            }

            var algorithm = AlgorithmCatalog.Get(name);
            var model = algorithm.Create(AlgorithmOptions.Parse(algorithm, state.Options.Select(o => $"{o.Key}={o.Value}")), loading: true) as IPersistentRecommender
                ?? throw new InvalidDataException($"The {name} model cannot be loaded from files.");
            model.ImportState(state, train);
            if (savedIndex is not null && model is not IVectorModel)
            {
                throw new InvalidDataException($"model.json records a saved index, but the {name} model has no item vectors.");
            }

            return new SavedModel(model, provenance, directory) { Index = savedIndex };
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            // An argument error's message ends in .NET's "(Parameter 'x')", which means nothing to the reader of a model folder.
            string why = e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
                ? e.Message[..^$" (Parameter '{name}')".Length]
                : e.Message;
            throw new CorruptModelException(Path.Combine(directory, "model.json"), $"The model in '{directory}' cannot be read: {why}");
        }
    }

    /// <summary>Parses a JSON file of the model; invalid JSON is an error naming the file and the place.</summary>
    private static JsonNode? ParseJson(byte[] content, string file)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).", e);
        }
    }

    /// <summary>A JSON value that must be text, such as model.json's algorithm name or an option.</summary>
    private static string Text(JsonNode? node, string what) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : throw new InvalidDataException($"{what} must be text.");

    /// <summary>A JSON file holding a list of texts (ids, labels); null stands for an empty list.</summary>
    private static string[] Strings(byte[] content, string file)
    {
        string[]? values;
        try
        {
            // The serializer reads a large id list several times faster than a JSON tree would; a null entry
            // comes through as null despite the type, and is checked below.
            values = JsonSerializer.Deserialize<string[]>(content);
        }
        catch (JsonException e)
        {
            ParseJson(content, file); // names the line and byte when the file is not JSON at all
            throw new InvalidDataException($"{file} is not a list of texts.", e);
        }

        if (values is null)
        {
            return [];
        }

        int missing = Array.IndexOf(values, null);
        return missing < 0 ? values : throw new InvalidDataException($"{file} entry {missing} must be text.");
    }

    /// <summary>What the model was trained on, from model.json's <c>trained_on</c>.</summary>
    private static TrainingProvenance? Provenance(JsonObject trainedOn)
    {
        try
        {
            return trainedOn.Deserialize<TrainingProvenance>(ProvenanceJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("model.json's \"trained_on\" holds a value of the wrong kind.", e);
        }
    }

    private static byte[] Require(IReadOnlyDictionary<string, byte[]> files, string name, string directory) =>
        files.TryGetValue(name, out var content) ? content : throw new CorruptModelException(Path.Combine(directory, name), $"The model in '{directory}' has no {name}.");

    private static byte[] Bytes<T>(ReadOnlySpan<T> values)
        where T : struct => MemoryMarshal.AsBytes(values).ToArray();

    private static T[] Values<T>(byte[] content, string file)
        where T : struct
    {
        if (content.Length % Marshal.SizeOf<T>() != 0)
        {
            throw new InvalidDataException($"{file} is {content.Length} bytes, not a whole number of values.");
        }

        return MemoryMarshal.Cast<byte, T>(content).ToArray();
    }

    /// <summary>Provenance as snake_case JSON.</summary>
    private static class ProvenanceJson
    {
        public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    }
}

/// <summary>A model loaded by <see cref="RecommenderFile.Load"/>.</summary>
/// <param name="Model">The restored model; its training data's id maps carry the item labels.</param>
/// <param name="Provenance">What it was trained on, when the folder records it.</param>
/// <param name="Directory">Where it was loaded from.</param>
public sealed record SavedModel(IRecommender Model, TrainingProvenance? Provenance, string Directory)
{
    /// <summary>The training interactions the model was saved with.</summary>
    public Interactions TrainingData => Model.TrainingData!;

    /// <summary>The vector index saved beside the model, or null when it was saved without one.</summary>
    public SavedIndex? Index { get; init; }
}
