using Reco.Data;
using Reco.Data.Features;
using Reco.Layers;
using Reco.Layers.Preprocessing;

namespace Reco.Models.TwoTower;

/// <summary>
/// The catalogue two-tower's towers over ids and, when asked, side features: the id's embedding next to one
/// embedding per named feature column (categories and multi-valued categories looked up and averaged; text
/// split into words and averaged), concatenated and projected to the embedding length.
/// </summary>
internal static class FeatureTowers
{
    /// <summary>The names in a feature option (<c>gender,occupation</c> or <c>gender+occupation</c>).</summary>
    public static string[] Names(string option) => option.Split([',', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A tower over <paramref name="ids"/>: the id embedding alone, or with the named features and a dense projection.</summary>
    public static ITower<string> Build(IReadOnlyList<string> ids, FeatureTable? table, string option, string side, TwoTowerOptions o, Random seeds)
    {
        var lookup = new StringLookup(ids);
        var embedding = new Embedding(lookup.VocabularySize, o.EmbeddingDim, seeds.Next());
        ILayer[] head = o.Normalize ? [new L2Normalize()] : [];
        var names = Names(option);
        if (names.Length == 0)
        {
            return new Sequential<string>(lookup, embedding, head);
        }

        if (table is null)
        {
            throw new ArgumentException($"The two-tower option {side}-features names features, and this data has no {side} features: load data that comes with them (a MovieLens folder, or a feature file) and train with reco train.");
        }

        var parts = new List<ITower<string>> { new Sequential<string>(lookup, embedding) };
        foreach (var name in names)
        {
            if (!table.TryGetColumn(name, out var column))
            {
                throw new ArgumentException($"The data's {side} features have no '{name}'; they are: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }

            parts.Add(Column(table, column, o.EmbeddingDim, seeds.Next()));
        }

        return new Stacked<string>(new Concatenate<string>([.. parts]), [new Dense(o.EmbeddingDim, seed: seeds.Next()), .. head]);
    }

    /// <summary>The mean embedding of an id's values in one column (its words for a text column).</summary>
    private static PooledEmbedding<string> Column(FeatureTable table, FeatureColumn column, int dim, int seed)
    {
        IReadOnlyList<string> Values(string id) => table.Keys.TryGetIndex(id, out int index) ? column.ValuesOf(index) : [];
        if (column.Kind == FeatureKind.Text)
        {
            var words = new TextVectorization();
            words.Adapt(Enumerable.Range(0, table.Keys.Count).SelectMany(column.ValuesOf));
            return new PooledEmbedding<string>(id => [.. Values(id).SelectMany(words.Tokens)], new Embedding(words.VocabularySize, dim, seed));
        }

        var vocabulary = new StringLookup(column.Vocabulary() is { Count: > 0 } values ? values : ["-"]);
        return new PooledEmbedding<string>(id => [.. Values(id).Select(vocabulary.Lookup)], new Embedding(vocabulary.VocabularySize, dim, seed));
    }
}
