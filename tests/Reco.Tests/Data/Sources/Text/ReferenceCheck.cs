using Reco.Data;
using Reco.Data.Sources;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>Compares what the library loaded from a file with what <see cref="ReferenceCsv"/> read from it.</summary>
internal static class ReferenceCheck
{
    /// <summary>
    /// Runs <paramref name="load"/> (with <c>KeepAll</c> duplicates and every bad row described) and
    /// returns the first disagreement with <paramref name="expected"/>, or null. Exceptions other than
    /// the library's one-line errors are not caught.
    /// </summary>
    public static string? Compare(Func<LoadResult> load, ReferenceCsv.Result expected, ColumnMapping mapping, bool skipping)
    {
        LoadResult? result = null;
        Exception? thrown = null;
        try
        {
            result = load();
        }
        catch (Exception e) when (e is DataFormatException or InvalidDataException)
        {
            thrown = e;
        }

        string Reported() => thrown is null ? "rows" : $"'{thrown.Message}'";
        if (expected.FatalWhat == "columns")
        {
            return thrown is InvalidDataException ? null : $"missing columns expected, got {Reported()}";
        }

        if (expected.FatalLine is long fatal && (skipping || expected.Bad.Count == 0))
        {
            return thrown is DataFormatException error && error.LineNumber == fatal ? null : $"a quote never closed on line {fatal} expected, got {Reported()}";
        }

        if (!skipping && expected.Bad.Count > 0)
        {
            long line = expected.Bad[0].Line;
            return thrown is DataFormatException error && error.LineNumber == line ? null : $"the first bad row, on line {line}, expected, got {Reported()}";
        }

        if (expected.Rows.Count == 0)
        {
            return thrown is InvalidDataException ? null : $"no rows expected, got {Reported()}";
        }

        if (thrown is not null)
        {
            return $"{expected.Rows.Count} rows expected, got {Reported()}";
        }

        var data = result!.Interactions;
        if (data.Count != expected.Rows.Count)
        {
            return $"{expected.Rows.Count} rows expected, {data.Count} read";
        }

        if (result.Report.RowsRead != expected.RowsRead)
        {
            return $"{expected.RowsRead} rows read expected, {result.Report.RowsRead} reported";
        }

        for (int i = 0; i < data.Count; i++)
        {
            var row = expected.Rows[i];
            string user = data.Users[data.UserIndices[i]];
            string item = data.Items[data.ItemIndices[i]];
            float rating = data.Ratings[i];
            long time = data.HasTimestamps ? data.Timestamps[i] : 0;
            if (row.User != user || row.Item != item || !row.Rating.Equals(rating) || (mapping.Time is not null && row.Time != time))
            {
                return $"row {i} (line {row.Line}) expected ({Show(row.User)}, {Show(row.Item)}, {row.Rating}, {row.Time}), read ({Show(user)}, {Show(item)}, {rating}, {time})";
            }
        }

        string? Role(string? column) => column is null ? null
            : column == mapping.User ? "user" : column == mapping.Item ? "item" : column == mapping.Rating ? "rating" : column == mapping.Time ? "time" : column;
        var bad = result.Report.BadRowExamples.Select(b => (b.Number, Role(b.Column))).ToList();
        return expected.Bad.SequenceEqual(bad) ? null
            : $"bad rows expected [{string.Join(", ", expected.Bad)}], reported [{string.Join(", ", bad)}]";
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
