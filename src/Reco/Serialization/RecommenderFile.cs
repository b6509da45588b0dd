using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Models;
using Reco.Models.Persistence;

namespace Reco.Serialization;

/// <summary>
/// Saves and loads any <see cref="IPersistentRecommender"/> as a checksummed <see cref="ModelDirectory"/>:
/// the algorithm's catalogue name and options, the training interactions (what "seen" means), the id
/// maps, optional item labels, and the fitted parameters. Loading rebuilds the model through
/// <see cref="AlgorithmCatalog"/> and restores its parameters without refitting.
/// </summary>
public static class RecommenderFile
{
    /// <summary>The manifest kind of these folders.</summary>
    public const string Kind = "recommender";

    /// <summary>Writes <paramref name="model"/> to <paramref name="directory"/>, atomically.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="model">A fitted model.</param>
    /// <param name="itemLabels">Optional display names of the items (for example movie titles), by item index.</param>
    public static void Save(string directory, IPersistentRecommender model, IReadOnlyList<string>? itemLabels = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var train = model.TrainingData ?? throw new InvalidOperationException($"Fit the {model.Name} model before saving it.");
        if (itemLabels is not null && itemLabels.Count != train.ItemCount)
        {
            throw new ArgumentException($"{itemLabels.Count} item labels for {train.ItemCount} items.", nameof(itemLabels));
        }

        var state = model.ExportState();
        var header = new JsonObject
        {
            ["algorithm"] = model.Name,
            ["options"] = new JsonObject([.. state.Options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]),
        };
        var files = new Dictionary<string, byte[]>
        {
            ["model.json"] = JsonSerializer.SerializeToUtf8Bytes(header, new JsonSerializerOptions { WriteIndented = true }),
            ["users.json"] = JsonSerializer.SerializeToUtf8Bytes(train.Users.Ids),
            ["items.json"] = JsonSerializer.SerializeToUtf8Bytes(train.Items.Ids),
            ["interactions.users.i32"] = Bytes(train.UserIndices),
            ["interactions.items.i32"] = Bytes(train.ItemIndices),
        };
        if (train.HasRatings)
        {
            files["interactions.ratings.f32"] = Bytes(train.Ratings);
        }

        if (itemLabels is not null)
        {
            files["item_labels.json"] = JsonSerializer.SerializeToUtf8Bytes(itemLabels);
        }

        foreach (var (name, values) in state.Floats)
        {
            files[$"param.{name}.f32"] = Bytes<float>(values);
        }

        foreach (var (name, values) in state.Ints)
        {
            files[$"param.{name}.i32"] = Bytes<int>(values);
        }

        ModelDirectory.Write(directory, Kind, files);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>, verifying every file first.</summary>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated or altered.</exception>
    public static SavedRecommender Load(string directory)
    {
        var files = ModelDirectory.Read(directory, Kind);
        try
        {
            var header = JsonNode.Parse(Require(files, "model.json", directory))!.AsObject();
            var name = (string?)header["algorithm"] ?? throw new InvalidDataException("model.json names no algorithm.");
            var state = new ModelState();
            foreach (var (key, value) in header["options"]?.AsObject() ?? [])
            {
                state.Options[key] = (string?)value ?? string.Empty;
            }

            foreach (var (file, content) in files)
            {
                if (file.StartsWith("param.", StringComparison.Ordinal) && file.EndsWith(".f32", StringComparison.Ordinal))
                {
                    state.Floats[file[6..^4]] = MemoryMarshal.Cast<byte, float>(content).ToArray();
                }
                else if (file.StartsWith("param.", StringComparison.Ordinal) && file.EndsWith(".i32", StringComparison.Ordinal))
                {
                    state.Ints[file[6..^4]] = MemoryMarshal.Cast<byte, int>(content).ToArray();
                }
            }

            var users = new IdMap(JsonSerializer.Deserialize<string[]>(Require(files, "users.json", directory)) ?? []);
            var items = new IdMap(JsonSerializer.Deserialize<string[]>(Require(files, "items.json", directory)) ?? []);
            var train = new Interactions(
                users,
                items,
                MemoryMarshal.Cast<byte, int>(Require(files, "interactions.users.i32", directory)).ToArray(),
                MemoryMarshal.Cast<byte, int>(Require(files, "interactions.items.i32", directory)).ToArray(),
                files.TryGetValue("interactions.ratings.f32", out var r) ? MemoryMarshal.Cast<byte, float>(r).ToArray() : null);
            var labels = files.TryGetValue("item_labels.json", out var l) ? JsonSerializer.Deserialize<string[]>(l) : null;

            var model = AlgorithmCatalog.Create(name, state.Options.Select(o => $"{o.Key}={o.Value}")) as IPersistentRecommender
                ?? throw new InvalidDataException($"The {name} model cannot be loaded from files.");
            model.ImportState(state, train);
            return new SavedRecommender(model, labels);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException or FormatException)
        {
            throw new CorruptModelException(Path.Combine(directory, "model.json"), $"The model in '{directory}' cannot be read: {e.Message}");
        }
    }

    private static byte[] Require(IReadOnlyDictionary<string, byte[]> files, string name, string directory) =>
        files.TryGetValue(name, out var content) ? content : throw new CorruptModelException(Path.Combine(directory, name), $"The model in '{directory}' has no {name}.");

    private static byte[] Bytes<T>(ReadOnlySpan<T> values)
        where T : struct => MemoryMarshal.AsBytes(values).ToArray();
}

/// <summary>A model loaded by <see cref="RecommenderFile.Load"/>.</summary>
/// <param name="Model">The restored model.</param>
/// <param name="ItemLabels">Display names of the items, when saved.</param>
public sealed record SavedRecommender(IRecommender Model, IReadOnlyList<string>? ItemLabels)
{
    /// <summary>The label of <paramref name="item"/>, or its id.</summary>
    public string Label(int item) => ItemLabels?[item] ?? Model.TrainingData!.Items[item];
}
