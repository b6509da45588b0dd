using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Layers;
using Reco.Models;
using Reco.Tasks;

namespace Reco.Serialization;

/// <summary>
/// Saves and loads a two-tower model whose towers are string lookups with embeddings: configuration,
/// both vocabularies, both embedding tables (little-endian float32) and the candidate catalogue, in a
/// checksummed folder written atomically (see <see cref="ModelDirectory"/>).
/// </summary>
public static class TwoTowerModelFile
{
    /// <summary>The manifest kind of these models.</summary>
    public const string Kind = "two-tower";

    /// <summary>Saves <paramref name="model"/> to <paramref name="directory"/>.</summary>
    /// <param name="model">The trained model; both towers must use <see cref="StringLookup"/>.</param>
    /// <param name="directory">The model folder (replaced atomically if it exists).</param>
    /// <param name="catalogue">The candidates recommendations are drawn from, with how often each was seen in training (for the popularity fallback).</param>
    /// <param name="metadata">Free-form facts to keep with the model (data set, protocol, metrics).</param>
    public static void Save(this TwoTowerModel<string, string> model, string directory, Catalogue catalogue, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(catalogue);
        var queryLookup = model.QueryModel.Lookup as StringLookup ?? throw new NotSupportedException("Only towers with a StringLookup can be saved.");
        var candidateLookup = model.CandidateModel.Lookup as StringLookup ?? throw new NotSupportedException("Only towers with a StringLookup can be saved.");
        var config = new JsonObject
        {
            ["embedding_dim"] = model.QueryModel.OutputDim,
            ["query_vocabulary_size"] = queryLookup.VocabularySize,
            ["candidate_vocabulary_size"] = candidateLookup.VocabularySize,
            ["query_embedding_rows"] = model.QueryModel.Embedding.InputDim,
            ["candidate_embedding_rows"] = model.CandidateModel.Embedding.InputDim,
            ["temperature"] = model.Task.Temperature,
            ["optimizer"] = model.Optimizer?.ToString(),
            ["metadata"] = new JsonObject((metadata ?? new Dictionary<string, string>()).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        var files = new Dictionary<string, byte[]>
        {
            ["config.json"] = Json(config),
            ["query_vocabulary.json"] = JsonSerializer.SerializeToUtf8Bytes(queryLookup.GetVocabulary().Skip(1).ToArray()),
            ["candidate_vocabulary.json"] = JsonSerializer.SerializeToUtf8Bytes(candidateLookup.GetVocabulary().Skip(1).ToArray()),
            ["query_embeddings.f32"] = MemoryMarshal.AsBytes(model.QueryModel.Embedding.Weights).ToArray(),
            ["candidate_embeddings.f32"] = MemoryMarshal.AsBytes(model.CandidateModel.Embedding.Weights).ToArray(),
            ["catalogue.json"] = Json(new JsonObject
            {
                ["items"] = new JsonArray([.. catalogue.Items.Select(i => (JsonNode?)i)]),
                ["counts"] = new JsonArray([.. catalogue.Counts.Select(c => (JsonNode?)c)]),
            }),
        };
        ModelDirectory.Write(directory, Kind, files);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>, verifying every file.</summary>
    /// <exception cref="ModelNotFoundException">There is no model at <paramref name="directory"/>.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated or altered.</exception>
    public static SavedTwoTowerModel Load(string directory)
    {
        var files = ModelDirectory.Read(directory, Kind);
        byte[] File(string name) => files.TryGetValue(name, out var bytes)
            ? bytes
            : throw new CorruptModelException(Path.Combine(directory, name), $"The model in '{directory}' lacks {name}.");

        try
        {
            var config = JsonNode.Parse(File("config.json"))!.AsObject();
            int dim = (int)config["embedding_dim"]!;
            var queryVocabulary = JsonSerializer.Deserialize<string[]>(File("query_vocabulary.json"))!;
            var candidateVocabulary = JsonSerializer.Deserialize<string[]>(File("candidate_vocabulary.json"))!;
            var queryTower = Tower(queryVocabulary, (int)config["query_embedding_rows"]!, dim, File("query_embeddings.f32"), directory);
            var candidateTower = Tower(candidateVocabulary, (int)config["candidate_embedding_rows"]!, dim, File("candidate_embeddings.f32"), directory);
            var model = new TwoTowerModel<string, string>(queryTower, candidateTower, new Retrieval(temperature: (float)(double)config["temperature"]!));
            var catalogueJson = JsonNode.Parse(File("catalogue.json"))!.AsObject();
            var catalogue = new Catalogue(
                [.. catalogueJson["items"]!.AsArray().Select(n => (string)n!)],
                [.. catalogueJson["counts"]!.AsArray().Select(n => (long)n!)]);
            var metadata = config["metadata"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? string.Empty);
            return new SavedTwoTowerModel(model, catalogue, metadata);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or ArgumentException)
        {
            throw new CorruptModelException(directory, $"The model in '{directory}' passed its checksums but its contents do not fit together ({e.Message}).");
        }
    }

    private static Sequential<string> Tower(string[] vocabulary, int rows, int dim, byte[] weights, string directory)
    {
        if (weights.Length != (long)rows * dim * sizeof(float))
        {
            throw new CorruptModelException(directory, $"An embedding table in '{directory}' has {weights.Length} bytes, expected {rows}×{dim} float32.");
        }

        var values = MemoryMarshal.Cast<byte, float>(weights).ToArray();
        return new Sequential<string>(new StringLookup(vocabulary), new Embedding(rows, dim, values));
    }

    private static byte[] Json(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, new JsonSerializerOptions { WriteIndented = true });
}
