using Reco.Data.Parsing;
namespace Reco.Data.Sources.Text;

/// <summary>The shape of a delimited text file (CSV, TSV, MovieLens <c>::</c> files).</summary>
public sealed record TextFormat
{
    /// <summary>The field separator: one or more bytes, for example <c>,</c>, a tab or <c>::</c>.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Whether the first line names the columns. Without a header, columns are named by 1-based position.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The text encoding of ids that are not plain numbers; UTF-8 by default.</summary>
    public TextDecoding Encoding { get; init; } = TextDecoding.Utf8Strict;

    /// <summary>Comma-separated with a header line (RFC 4180).</summary>
    public static TextFormat Csv { get; } = new();

    /// <summary>Tab-separated with a header line.</summary>
    public static TextFormat Tsv { get; } = new() { Delimiter = "\t" };

    /// <summary>The delimiter as bytes.</summary>
    internal byte[] DelimiterBytes()
    {
        if (string.IsNullOrEmpty(Delimiter) || Delimiter.AsSpan().IndexOfAny("\"\n\r") >= 0)
        {
            throw new ArgumentException($"{(string.IsNullOrEmpty(Delimiter) ? "An empty delimiter" : FieldText.Quote(Delimiter))} cannot separate fields: use one or more characters other than a quote or a line break.");
        }

        return System.Text.Encoding.UTF8.GetBytes(Delimiter);
    }
}
