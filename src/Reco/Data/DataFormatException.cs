namespace Reco.Data;

/// <summary>
/// Thrown when a data file has a line that cannot be parsed. The message names the file and the
/// 1-based line, e.g. <c>u.data line 17: expected 4 tab-separated fields, found 3</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception for a bad line.</summary>
    /// <param name="filePath">The path of the file being read.</param>
    /// <param name="lineNumber">The 1-based number of the offending line.</param>
    /// <param name="problem">What is wrong with the line.</param>
    public DataFormatException(string filePath, int lineNumber, string problem)
        : base($"{Path.GetFileName(filePath)} line {lineNumber}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>Creates an exception for a bad row of any source; the message names the source, the line or row and the column.</summary>
    /// <param name="row">The bad row.</param>
    public DataFormatException(Sources.BadRow row)
        : base((row ?? throw new ArgumentNullException(nameof(row))).ToString())
    {
        FilePath = row.Source;
        LineNumber = (int)Math.Min(row.Number, int.MaxValue);
        Column = row.Column;
    }

    /// <summary>Gets the column at fault, when known.</summary>
    public string? Column { get; }

    /// <summary>Gets the path of the file that holds the bad line.</summary>
    public string FilePath { get; }

    /// <summary>Gets the 1-based number of the bad line.</summary>
    public int LineNumber { get; }
}
