namespace Reco.Data.Features;

/// <summary>Turns named side features into the numeric vectors content-based scoring uses.</summary>
public static class FeatureVectors
{
    /// <summary>
    /// One vector per item of <paramref name="items"/>: a 1 for each categorical or multi-valued
    /// value (<c>column:value</c>), and the TF-IDF weight of each word of a text column
    /// (<c>column:word</c>). Items the table does not know get an empty vector.
    /// </summary>
    public static ItemFeatures ToItemFeatures(this FeatureTable table, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(items);
        var textColumns = table.Columns.Where(c => c.Kind == FeatureKind.Text).ToArray();
        var documentFrequency = textColumns.ToDictionary(c => c.Name, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var column in textColumns)
        {
            for (int k = 0; k < table.Keys.Count; k++)
            {
                foreach (var word in Words(column, k))
                {
                    documentFrequency[column.Name][word] = documentFrequency[column.Name].GetValueOrDefault(word) + 1;
                }
            }
        }

        var rows = new List<IReadOnlyDictionary<string, float>>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var row = new Dictionary<string, float>(StringComparer.Ordinal);
            if (table.Keys.TryGetIndex(items[i], out int k))
            {
                foreach (var column in table.Columns)
                {
                    if (column.Kind == FeatureKind.Text)
                    {
                        foreach (var word in Words(column, k))
                        {
                            row[$"{column.Name}:{word}"] = (float)Math.Log((double)table.Keys.Count / documentFrequency[column.Name][word]);
                        }
                    }
                    else
                    {
                        foreach (var value in column.ValuesOf(k))
                        {
                            row[$"{column.Name}:{value}"] = 1f;
                        }
                    }
                }
            }

            rows.Add(row);
        }

        return ItemFeatures.From(rows);
    }

    /// <summary>
    /// One 0/1 vector per item of <paramref name="items"/> over the values of the table's categorical and
    /// multi-valued columns — a <c>genres</c> column alone when there is one — for intra-list diversity:
    /// items that share categories are alike. Null when the table has no such column.
    /// </summary>
    public static Func<int, ReadOnlyMemory<float>>? CategoryVectors(this FeatureTable table, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(items);
        var columns = table.TryGetColumn("genres", out var genres)
            ? [genres]
            : table.Columns.Where(c => c.Kind is FeatureKind.Categorical or FeatureKind.MultiValued).ToArray();
        if (columns.Length == 0)
        {
            return null;
        }

        var names = new IdMap();
        var rows = new int[items.Count][];
        for (int i = 0; i < items.Count; i++)
        {
            rows[i] = table.Keys.TryGetIndex(items[i], out int k)
                ? [.. columns.SelectMany(c => c.ValuesOf(k).Select(v => names.GetOrAdd($"{c.Name}:{v}"))).Distinct()]
                : [];
        }

        int width = names.Count;
        var made = new System.Collections.Concurrent.ConcurrentDictionary<int, ReadOnlyMemory<float>>();
        var empty = new ReadOnlyMemory<float>(new float[width]);

        // Made on first use: diversity only looks at recommended items, and an items × values matrix
        // made up front could be far larger than memory.
        return item => (uint)item >= (uint)rows.Length ? empty : made.GetOrAdd(item, i =>
        {
            var dense = new float[width];
            foreach (int f in rows[i])
            {
                dense[f] = 1f;
            }

            return dense;
        });
    }

    private static IEnumerable<string> Words(FeatureColumn column, int key)
        => column.ValuesOf(key).SelectMany(TextTokens.Of).Distinct(StringComparer.Ordinal);
}
