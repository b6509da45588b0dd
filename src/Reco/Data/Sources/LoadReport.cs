using System.Globalization;
using System.Text;

namespace Reco.Data.Sources;

/// <summary>
/// What a load did with every row, so nothing is lost silently:
/// <c>RowsRead = RowsKept + RowsSkipped + RowsBelowThreshold + DuplicatesMerged</c>.
/// </summary>
public sealed record LoadReport
{
    /// <summary>The source, as the user named it.</summary>
    public required string Source { get; init; }

    /// <summary>Data rows read (header and blank lines not counted).</summary>
    public long RowsRead { get; init; }

    /// <summary>Interactions in the result.</summary>
    public long RowsKept { get; init; }

    /// <summary>Malformed rows skipped (only with <see cref="LoadOptions.SkipBadRows"/>).</summary>
    public long RowsSkipped { get; init; }

    /// <summary>Rows left out because their rating was below <see cref="LoadOptions.MinRating"/>.</summary>
    public long RowsBelowThreshold { get; init; }

    /// <summary>Rows merged into another row of the same (user, item) pair.</summary>
    public long DuplicatesMerged { get; init; }

    /// <summary>The duplicate policy applied.</summary>
    public DuplicatePolicy Duplicates { get; init; }

    /// <summary>Explicit or implicit.</summary>
    public FeedbackKind Feedback { get; init; }

    /// <summary>The column mapping used.</summary>
    public ColumnMapping? Columns { get; init; }

    /// <summary>The first skipped rows, described.</summary>
    public IReadOnlyList<BadRow> BadRowExamples { get; init; } = [];

    /// <summary>Seconds the load took.</summary>
    public double Seconds { get; init; }

    /// <summary>A few lines for people: counts, then the first bad rows.</summary>
    /// <returns>The text, ending with a newline.</returns>
    public string ToText()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"Loaded {Source}: {RowsRead:N0} rows read, {RowsKept:N0} kept, {RowsSkipped:N0} skipped as malformed");
        if (RowsBelowThreshold > 0)
        {
            text.Append(c, $", {RowsBelowThreshold:N0} below the minimum rating");
        }

        text.Append(Duplicates == DuplicatePolicy.KeepAll
            ? ", duplicates kept (keep-all)"
            : string.Create(c, $", {DuplicatesMerged:N0} duplicates merged ({DuplicatePolicyNames.Name(Duplicates)})"));
        text.Append(c, $"; {Feedback.ToString().ToLowerInvariant()} feedback, {Seconds:F2} s.\n");
        if (Columns is not null)
        {
            text.Append(c, $"Columns: {Columns}.\n");
        }

        foreach (var row in BadRowExamples)
        {
            text.Append(c, $"  skipped {row}\n");
        }

        if (RowsSkipped > BadRowExamples.Count)
        {
            text.Append(c, $"  … and {RowsSkipped - BadRowExamples.Count:N0} more skipped rows.\n");
        }

        return text.ToString();
    }
}
