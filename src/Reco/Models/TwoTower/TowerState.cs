using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Layers;
using Reco.Models.Persistence;
using Reco.Data.Sources.Parquet;

namespace Reco.Models.TwoTower;

/// <summary>
/// Saves and rebuilds a <see cref="Sequential{TInput}"/> tower over string ids: its vocabulary, its
/// embedding table and each later layer's configuration and variables.
/// </summary>
internal static class TowerState
{
    public static JsonObject Export(Sequential<string> tower, string prefix, ModelState state)
    {
        var lookup = tower.Lookup as StringLookup ?? throw new NotSupportedException("Only towers that look ids up with a StringLookup can be saved.");
        state.Strings[$"{prefix}.vocabulary"] = [.. lookup.GetVocabulary().Skip(1)];
        state.Floats[$"{prefix}.embeddings"] = tower.Embedding.Weights.ToArray();
        var layers = new JsonArray();
        for (int l = 0; l < tower.Layers.Count; l++)
        {
            var layer = tower.Layers[l];
            foreach (var variable in layer.Variables)
            {
                state.Floats[$"{prefix}.layer{l}.{variable.Name}"] = variable.Values.ToArray();
            }

            layers.Add(new JsonObject
            {
                ["type"] = layer.Config.Type,
                ["arguments"] = new JsonObject([.. layer.Config.Arguments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
            });
        }

        return new JsonObject
        {
            ["embedding_rows"] = tower.Embedding.InputDim,
            ["embedding_dim"] = tower.Embedding.OutputDim,
            ["layers"] = layers,
        };
    }

    public static Sequential<string> Import(JsonNode? node, string prefix, ModelState state)
    {
        var config = node as JsonObject ?? throw new InvalidDataException($"The saved model does not describe its {prefix} tower.");
        int rows = config["embedding_rows"]?.GetValue<int>() ?? throw new InvalidDataException($"The {prefix} tower has no embedding size.");
        int dim = config["embedding_dim"]?.GetValue<int>() ?? throw new InvalidDataException($"The {prefix} tower has no embedding length.");
        var weights = state.Float($"{prefix}.embeddings");
        if (rows < 1 || dim < 1 || weights.Length != (long)rows * dim)
        {
            throw new InvalidDataException($"The {prefix} tower's embedding table has {weights.Length} values, not {rows}×{dim}.");
        }

        var lookup = new StringLookup(state.String($"{prefix}.vocabulary"));
        var layers = new List<ILayer>();
        int l = 0;
        foreach (var entry in config["layers"] as JsonArray ?? [])
        {
            var layer = entry as JsonObject ?? throw new InvalidDataException($"A layer of the {prefix} tower is not described.");
            var arguments = (layer["arguments"] as JsonObject ?? []).ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? string.Empty);
            var layerConfig = new LayerConfig(layer["type"]?.GetValue<string>() ?? string.Empty, arguments);
            int index = l++;
            layers.Add(layerConfig.Create(name => state.Float($"{prefix}.layer{index}.{name}")));
        }

        return new Sequential<string>(lookup, new Embedding(rows, dim, weights), [.. layers]);
    }
}
