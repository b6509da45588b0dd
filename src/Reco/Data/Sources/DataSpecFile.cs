using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reco.Data.Sources;

/// <summary>
/// Reads a JSON dataset spec. Every key but <c>source</c> is optional; relative paths are taken from
/// the spec file's folder:
/// <code>
/// {
///   "source": "ratings.csv",            // or "sqlite:events.db", "postgres:Host=…", a MovieLens folder
///   "format": "csv",                    // csv | tsv | parquet | sqlite | postgres | movielens
///   "query": "SELECT user_id, item_id, rating FROM ratings",
///   "delimiter": ",", "header": true, "encoding": "utf-8",
///   "columns": { "user": "userId", "item": "movieId", "rating": "rating", "time": "timestamp" },
///   "feedback": "explicit",             // explicit | implicit
///   "minRating": 4,                     // binarise: keep ratings ≥ 4 as weight 1
///   "duplicates": "keep-last",          // keep-last | sum | mean | keep-all
///   "skipBadRows": false
/// }
/// </code>
/// </summary>
public static class DataSpecFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the spec at <paramref name="path"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InvalidDataException">The file is not valid JSON, has an unknown key or a bad value; the message names it.</exception>
    public static DataSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        SpecDocument document;
        try
        {
            document = JsonSerializer.Deserialize<SpecDocument>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{name} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name} is not a valid dataset spec: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(document.Source))
        {
            throw new InvalidDataException($"{name} has no \"source\".");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string source = document.Source;
        if (!source.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(source))
        {
            source = Path.GetFullPath(Path.Combine(folder, source));
        }
        else if (source.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            source = "sqlite:" + Path.GetFullPath(Path.Combine(folder, source["sqlite:".Length..]));
        }

        try
        {
            TextFormat? text = document.Delimiter is null && document.Header is null && document.Encoding is null ? null : new TextFormat
            {
                Delimiter = document.Delimiter ?? (document.Format?.ToLowerInvariant() == "tsv" ? "\t" : ","),
                HasHeader = document.Header ?? true,
                Encoding = document.Encoding is null ? TextDecoding.Utf8Strict : TextDecoding.Parse(document.Encoding),
            };
            return new DataSpec
            {
                Source = source,
                Format = document.Format is null ? null : ParseFormat(document.Format),
                Query = document.Query,
                Text = text,
                Options = new LoadOptions
                {
                    Columns = document.Columns is null ? null : new ColumnMapping(
                        document.Columns.User ?? throw new InvalidDataException($"{name}: \"columns\" needs \"user\"."),
                        document.Columns.Item ?? throw new InvalidDataException($"{name}: \"columns\" needs \"item\"."),
                        document.Columns.Rating,
                        document.Columns.Time),
                    Feedback = document.Feedback is null ? null : ParseFeedback(document.Feedback),
                    MinRating = document.MinRating,
                    Duplicates = document.Duplicates is null ? null : DuplicatePolicyNames.Parse(document.Duplicates),
                    SkipBadRows = document.SkipBadRows ?? false,
                },
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    /// <summary>Parses a format name: csv, tsv, parquet, sqlite, postgres (or postgresql), movielens.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The format.</returns>
    /// <exception cref="FormatException">Not a known name.</exception>
    public static DataFormat ParseFormat(string name) => name.Trim().ToLowerInvariant() switch
    {
        "csv" => DataFormat.Csv,
        "tsv" => DataFormat.Tsv,
        "parquet" => DataFormat.Parquet,
        "sqlite" => DataFormat.Sqlite,
        "postgres" or "postgresql" => DataFormat.Postgres,
        "movielens" => DataFormat.MovieLens,
        _ => throw new FormatException($"Unknown format '{name}'; expected csv, tsv, parquet, sqlite, postgres or movielens."),
    };

    /// <summary>Parses <c>explicit</c> or <c>implicit</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The feedback kind.</returns>
    /// <exception cref="FormatException">Neither.</exception>
    public static FeedbackKind ParseFeedback(string name) => name.Trim().ToLowerInvariant() switch
    {
        "explicit" => FeedbackKind.Explicit,
        "implicit" => FeedbackKind.Implicit,
        _ => throw new FormatException($"Unknown feedback '{name}'; expected explicit or implicit."),
    };

    private sealed class SpecDocument
    {
        public string? Source { get; set; }

        public string? Format { get; set; }

        public string? Query { get; set; }

        public string? Delimiter { get; set; }

        public bool? Header { get; set; }

        public string? Encoding { get; set; }

        public SpecColumns? Columns { get; set; }

        public string? Feedback { get; set; }

        public float? MinRating { get; set; }

        public string? Duplicates { get; set; }

        public bool? SkipBadRows { get; set; }
    }

    private sealed class SpecColumns
    {
        public string? User { get; set; }

        public string? Item { get; set; }

        public string? Rating { get; set; }

        public string? Time { get; set; }
    }
}
