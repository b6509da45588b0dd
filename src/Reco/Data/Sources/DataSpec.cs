using Reco.Data.Sources.Text;
namespace Reco.Data.Sources;

/// <summary>
/// Where interactions come from and how to read them: what <c>--data</c> and its companion options, or
/// a JSON dataset spec file, describe. Load it with <see cref="DataLoader"/>.
/// </summary>
public sealed record DataSpec
{
    /// <summary>
    /// The source: a file path (<c>ratings.csv</c>, <c>events.parquet</c>), a MovieLens folder,
    /// <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.
    /// </summary>
    public required string Source { get; init; }

    /// <summary>The format; <see langword="null"/> infers it from the prefix, the folder or the file extension.</summary>
    public DataFormat? Format { get; init; }

    /// <summary>The SQL query for database sources.</summary>
    public string? Query { get; init; }

    /// <summary>Delimiter, header and encoding of text files; <see langword="null"/> uses the format's defaults.</summary>
    public TextFormat? Text { get; init; }

    /// <summary>Column mapping and row policies.</summary>
    public LoadOptions Options { get; init; } = new();

    /// <summary>The format in effect: <see cref="Format"/>, else inferred.</summary>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The format cannot be inferred; the message says how to give it.</exception>
    public DataFormat ResolveFormat()
    {
        if (Format is DataFormat format)
        {
            return format;
        }

        if (Source.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.Sqlite;
        }

        if (Source.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || Source.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.Postgres;
        }

        // Standard input, and devices or pipes named by path (/dev/stdin, /dev/fd/3): CSV unless --format says otherwise.
        if (Source == InputFile.StandardInput || Source.StartsWith("/dev/", StringComparison.Ordinal) || Source.StartsWith("/proc/self/fd/", StringComparison.Ordinal))
        {
            return DataFormat.Csv;
        }

        if (Directory.Exists(Source))
        {
            return DataFormat.MovieLens;
        }

        return Path.GetExtension(WithoutGzip(Source)).ToLowerInvariant() switch
        {
            ".csv" or ".dat" or ".txt" => DataFormat.Csv,
            ".tsv" or ".tab" => DataFormat.Tsv,
            ".parquet" or ".pq" => DataFormat.Parquet,
            ".db" or ".sqlite" or ".sqlite3" => DataFormat.Sqlite,
            _ => File.Exists(Source)
                ? throw new ArgumentException($"Cannot tell the format of '{Source}' from its name; pass --format csv|tsv|parquet|sqlite|postgres|movielens.")
                : throw new FileNotFoundException($"'{Source}' does not exist: it is neither a file, a folder nor a data set name (reco datasets list).", Source),
        };
    }

    /// <summary>The path or connection string without its <c>sqlite:</c> / <c>postgres:</c> prefix.</summary>
    /// <returns>The location.</returns>
    public string Location()
    {
        int colon = Source.IndexOf(':', StringComparison.Ordinal);
        string prefix = colon > 1 ? Source[..colon].ToLowerInvariant() : "";
        return prefix is "sqlite" or "postgres" or "postgresql" ? Source[(colon + 1)..] : Source;
    }

    /// <summary>The text format in effect for a text source.</summary>
    internal TextFormat TextFor(DataFormat format)
    {
        var text = Text ?? (format == DataFormat.Tsv ? TextFormat.Tsv : TextFormat.Csv);
        if (Text is null && Path.GetExtension(WithoutGzip(Source)).Equals(".dat", StringComparison.OrdinalIgnoreCase))
        {
            // MovieLens-style ratings.dat: '::'-separated, no header.
            text = new TextFormat { Delimiter = "::", HasHeader = false };
        }

        return text;
    }

    private static string WithoutGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
}
