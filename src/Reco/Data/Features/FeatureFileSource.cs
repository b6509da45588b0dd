using Reco.Data.Sources;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.Features;

/// <summary>
/// Reads item or user side data from a delimited text file with a header (one row per id), for ids
/// that are not in MovieLens' own files: for example <c>item_id,title,genres,brand</c>.
/// </summary>
public static class FeatureFileSource
{
    /// <summary>Reads the features of each row into a table over <paramref name="keys"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="idColumn">The column holding the user or item id.</param>
    /// <param name="features">The columns to read and how.</param>
    /// <param name="keys">The id map to align with, usually <c>interactions.Items</c>; ids not in it are added (catalogue items without interactions).</param>
    /// <param name="format">Delimiter and encoding; CSV with a header by default.</param>
    /// <returns>The features.</returns>
    /// <exception cref="DataFormatException">A row is malformed, or an id appears twice; the message names the file, line and column.</exception>
    /// <exception cref="InvalidDataException">A named column does not exist.</exception>
    public static FeatureTable Load(string path, string idColumn, IReadOnlyList<FeatureSpec> features, IdMap keys, TextFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(features);
        format ??= DelimitedTextSource.FormatFor(path);
        string name = FieldText.PrintablePath(Path.GetFileName(path));
        var splitter = new RecordSplitter(format.DelimiterBytes());
        InputFile.RequireReadable(path);
        var lines = new ByteLineEnumerator(File.ReadAllBytes(path));
        if (!lines.MoveNext())
        {
            throw new InvalidDataException($"{name} is empty.");
        }

        var fields = new FieldRef[4096];
        var headerLine = lines.Current;
        int count = splitter.Split(headerLine.TrimEnd("\r"u8), fields);
        if (count < 0)
        {
            throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, null, "a quoted field is not closed on its line"));
        }

        var header = new List<string>();
        for (int i = 0; i < count; i++)
        {
            header.Add(format.Encoding.TryGetString(splitter.Get(headerLine, fields[i]).Trim(" \t\r"u8)) ?? "");
        }

        int Column(string column) => header.IndexOf(column) is int i and >= 0 ? i
            : throw new InvalidDataException($"{name} has no column '{FieldText.Printable(column)}'; its columns are: {FieldText.List(header)}.");

        int id = Column(idColumn);
        var table = new FeatureTable(keys);
        var columns = features.Select(f => (Spec: f, Index: Column(f.Column), Target: table.Add(f.Name ?? f.Column, f.Kind))).ToArray();
        int needed = columns.Select(c => c.Index).Append(id).Max() + 1;
        var firstLine = new Dictionary<int, int>();
        while (lines.MoveNext())
        {
            var line = lines.Current.TrimEnd("\r"u8);
            count = splitter.SplitLine(line, fields);
            if (count < needed || count > header.Count)
            {
                throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, null,
                    count < 0 ? "a quoted field is not closed on its line"
                    : count > header.Count ? $"{count} fields, but the header has {header.Count} (a field holding '{TextRowParser.Shown(format.DelimiterBytes())}' must be quoted)"
                    : $"expected at least {needed} fields, found {count}"));
            }

            string? key = format.Encoding.TryGetString(splitter.Get(line, fields[id]).Trim(" \t\r"u8));
            string? problem = key is null ? "the id is not valid text in the file's encoding" : ValueRules.IdProblem(key);
            if (problem is not null)
            {
                throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, idColumn, problem));
            }

            int index = keys.GetOrAdd(key!);
            if (!firstLine.TryAdd(index, lines.LineNumber))
            {
                throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, idColumn, $"the id '{key}' already appeared on line {firstLine[index]}"));
            }

            foreach (var (spec, column, target) in columns)
            {
                string value = format.Encoding.TryGetString(splitter.Get(line, fields[column]).Trim(" \t"u8))
                    ?? throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, spec.Column, "the value is not valid text in the file's encoding"));
                target.SetValues(index, value.Length == 0 ? [] : spec.Kind == FeatureKind.MultiValued
                    ? value.Split(spec.Separator ?? "|", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [value]);
            }
        }

        return table;
    }
}
