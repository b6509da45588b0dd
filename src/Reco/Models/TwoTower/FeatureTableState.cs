using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Data.Features;
using Reco.Models.Persistence;

namespace Reco.Models.TwoTower;

/// <summary>
/// Saves the columns of a feature table that a model's towers read (every id's values, so that vocabularies
/// rebuilt from them come out in the same order) and reads them back into a table.
/// </summary>
internal static class FeatureTableState
{
    public static JsonNode? Export(FeatureTable? table, IReadOnlyList<string> names, string prefix, ModelState state)
    {
        if (table is null || names.Count == 0)
        {
            return null;
        }

        state.Strings[$"{prefix}.keys"] = [.. table.Keys.Ids];
        var columns = new JsonArray();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var column = table[name];
            var counts = new int[table.Keys.Count];
            var values = new List<string>();
            for (int i = 0; i < counts.Length; i++)
            {
                var of = column.ValuesOf(i);
                counts[i] = of.Count;
                values.AddRange(of);
            }

            state.Ints[$"{prefix}.{name}.counts"] = counts;
            state.Strings[$"{prefix}.{name}.values"] = [.. values];
            columns.Add(new JsonObject { ["name"] = name, ["kind"] = column.Kind.ToString() });
        }

        return columns;
    }

    public static FeatureTable? Import(JsonNode? node, string prefix, ModelState state)
    {
        if (node is not JsonArray columns)
        {
            return null;
        }

        var keys = state.String($"{prefix}.keys");
        var table = new FeatureTable(new IdMap(keys));
        foreach (var entry in columns)
        {
            string name = entry?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"A saved {prefix} column has no name.");
            if (!Enum.TryParse<FeatureKind>(entry["kind"]?.GetValue<string>(), out var kind))
            {
                throw new InvalidDataException($"The saved {prefix} column '{name}' has no valid kind.");
            }

            table.Add(name, kind);
            var counts = state.Int($"{prefix}.{name}.counts");
            var values = state.String($"{prefix}.{name}.values");
            if (counts.Length != keys.Length || counts.Any(c => c < 0) || counts.Sum(c => (long)c) != values.Length)
            {
                throw new InvalidDataException($"The saved {prefix} column '{name}' does not hold one list of values per id.");
            }

            int at = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    table.Set(keys[i], name, values[at..(at + counts[i])]);
                    at += counts[i];
                }
            }
        }

        return table;
    }

    /// <summary>Saves a tower's variables in order.</summary>
    public static JsonArray ExportVariables(IReadOnlyList<Layers.Variable> variables, string prefix, ModelState state)
    {
        var shapes = new JsonArray();
        for (int i = 0; i < variables.Count; i++)
        {
            state.Floats[$"{prefix}.variable{i}"] = variables[i].Values.ToArray();
            shapes.Add(new JsonArray(variables[i].Rows, variables[i].Columns));
        }

        return shapes;
    }

    /// <summary>Overwrites a freshly built tower's variables with saved ones, after checking that they have the same shapes.</summary>
    public static void ImportVariables(IReadOnlyList<Layers.Variable> variables, JsonNode? shapes, string prefix, ModelState state)
    {
        var saved = shapes as JsonArray ?? throw new InvalidDataException($"The saved {prefix} tower lists no variables.");
        if (saved.Count != variables.Count)
        {
            throw new InvalidDataException($"The saved {prefix} tower has {saved.Count} variables; rebuilt from its options and features it has {variables.Count}.");
        }

        for (int i = 0; i < variables.Count; i++)
        {
            var values = state.Float($"{prefix}.variable{i}");
            int rows = saved[i]?[0]?.GetValue<int>() ?? -1, columns = saved[i]?[1]?.GetValue<int>() ?? -1;
            if (rows != variables[i].Rows || columns != variables[i].Columns || values.Length != variables[i].Values.Length)
            {
                throw new InvalidDataException($"The saved {prefix} tower's variable {i} is {rows}×{columns}; rebuilt it is {variables[i].Rows}×{variables[i].Columns}.");
            }

            values.CopyTo(variables[i].Values);
        }
    }
}
