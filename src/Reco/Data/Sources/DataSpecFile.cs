using System.Globalization;
using System.Text.Json;
using Reco.Data.Sources.Text;
using Reco.Data.Parsing;

namespace Reco.Data.Sources;

/// <summary>
/// Reads a JSON dataset spec. Every key but <c>source</c> is optional (keys ignore case); relative paths
/// are taken from the spec file's folder:
/// <code>
/// {
///   "source": "ratings.csv",            // or "sqlite:events.db", "postgres:Host=…", a MovieLens folder, "-"
///   "format": "csv",                    // csv | tsv | parquet | sqlite | postgres | movielens
///   "query": "SELECT user_id, item_id, rating FROM ratings",
///   "delimiter": ",", "header": true, "encoding": "utf-8",
///   "columns": { "user": "userId", "item": "movieId", "rating": "rating", "time": "timestamp" },
///   "timeUnit": "s",                    // s | ms | us | ns: what numeric times count
///   "feedback": "explicit",             // explicit | implicit
///   "minRating": 4,                     // binarise: keep ratings ≥ 4 as weight 1
///   "duplicates": "keep-last",          // keep-last | sum | mean | keep-all
///   "skipBadRows": false
/// }
/// </code>
/// Comments and trailing commas are allowed. An unknown key, a value of the wrong kind or an unknown
/// name is an error that names the file and the key.
/// </summary>
public static class DataSpecFile
{
    private static readonly string[] Keys = ["source", "format", "query", "delimiter", "header", "encoding", "columns", "timeUnit", "feedback", "minRating", "duplicates", "skipBadRows"];
    private static readonly string[] ColumnKeys = ["user", "item", "rating", "time"];

    /// <summary>Reads the spec at <paramref name="path"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InvalidDataException">The file is not valid JSON, has an unknown key or a bad value; the message names it.</exception>
    public static DataSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{FieldText.PrintablePath(path)}' is a folder, not a dataset spec file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The dataset spec '{FieldText.PrintablePath(path)}' does not exist.", path);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"Cannot read '{FieldText.PrintablePath(path)}': permission denied.");
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Cannot read '{FieldText.PrintablePath(path)}': {e.Message.ReplaceLineEndings(" ")}", e);
        }

        var json = bytes.AsMemory();
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (json.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new InvalidDataException($"{name} is empty.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            string reason = e.Message;
            int at = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (at > 0 ? reason[..at] : reason).ReplaceLineEndings(" ").Trim();
            string where = e.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})") : "";
            throw new InvalidDataException($"{name} is not valid JSON{where}: {reason}", e);
        }

        using (document)
        {
            return Read(name, Path.GetDirectoryName(Path.GetFullPath(path))!, document.RootElement);
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
        _ => throw new FormatException($"Unknown format {FieldText.Quote(name)}; expected csv, tsv, parquet, sqlite, postgres or movielens."),
    };

    /// <summary>Parses <c>explicit</c> or <c>implicit</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The feedback kind.</returns>
    /// <exception cref="FormatException">Neither.</exception>
    public static FeedbackKind ParseFeedback(string name) => name.Trim().ToLowerInvariant() switch
    {
        "explicit" => FeedbackKind.Explicit,
        "implicit" => FeedbackKind.Implicit,
        _ => throw new FormatException($"Unknown feedback {FieldText.Quote(name)}; expected explicit or implicit."),
    };

    private static DataSpec Read(string name, string folder, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{name} must hold a JSON object such as {{ \"source\": \"ratings.csv\" }}, not {Kind(root)}.");
        }

        var values = Properties(name, root, Keys, "");
        string source = Text(name, values, "source") is { Length: > 0 } given && !string.IsNullOrWhiteSpace(given)
            ? given
            : throw new InvalidDataException($"{name} has no \"source\".");
        if (source != InputFile.StandardInput && (!source.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(source)))
        {
            source = Path.GetFullPath(Path.Combine(folder, source));
        }
        else if (source.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            source = "sqlite:" + Path.GetFullPath(Path.Combine(folder, source["sqlite:".Length..]));
        }

        try
        {
            string? format = Text(name, values, "format");
            string? delimiter = Text(name, values, "delimiter");
            bool? header = Flag(name, values, "header");
            string? encoding = Text(name, values, "encoding");
            TextFormat? text = delimiter is null && header is null && encoding is null ? null : new TextFormat
            {
                Delimiter = delimiter ?? (format?.Trim().ToLowerInvariant() == "tsv" ? "\t" : ","),
                HasHeader = header ?? true,
                Encoding = encoding is null ? TextDecoding.Utf8Strict : TextDecoding.Parse(encoding),
            };
            text?.DelimiterBytes();
            string? timeUnit = Text(name, values, "timeUnit");
            string? feedback = Text(name, values, "feedback");
            string? duplicates = Text(name, values, "duplicates");
            return new DataSpec
            {
                Source = source,
                Format = format is null ? null : ParseFormat(format),
                Query = Text(name, values, "query"),
                Text = text,
                Options = new LoadOptions
                {
                    Columns = Columns(name, values),
                    TimeUnit = timeUnit is null ? TimeUnit.Seconds : TimeUnitNames.Parse(timeUnit),
                    Feedback = feedback is null ? null : ParseFeedback(feedback),
                    MinRating = MinRating(name, values),
                    Duplicates = duplicates is null ? null : DuplicatePolicyNames.Parse(duplicates),
                    SkipBadRows = Flag(name, values, "skipBadRows") ?? false,
                },
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    /// <summary>The object's properties by their canonical key; an unknown or repeated key is an error.</summary>
    private static Dictionary<string, JsonElement> Properties(string name, JsonElement element, string[] keys, string within)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string key = keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"{name}: unknown key {Key(property.Name, within)}; the keys{(within.Length > 0 ? $" of \"{within}\"" : "")} are {string.Join(", ", keys)}.");
            if (!values.TryAdd(key, property.Value))
            {
                throw new InvalidDataException($"{name}: the key {Key(key, within)} appears twice.");
            }
        }

        return values;
    }

    private static ColumnMapping? Columns(string name, Dictionary<string, JsonElement> values)
    {
        if (!values.TryGetValue("columns", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{name}: \"columns\" must be an object such as {{ \"user\": \"user_id\", \"item\": \"item_id\" }}, not {Kind(element)}.");
        }

        var columns = Properties(name, element, ColumnKeys, "columns");
        string Required(string key) => Text(name, columns, key, "columns") is { Length: > 0 } column
            ? column
            : throw new InvalidDataException($"{name}: \"columns\" needs \"{key}\".");
        return new ColumnMapping(Required("user"), Required("item"), Text(name, columns, "rating", "columns"), Text(name, columns, "time", "columns"));
    }

    private static string? Text(string name, Dictionary<string, JsonElement> values, string key, string within = "") =>
        !values.TryGetValue(key, out var element) || element.ValueKind == JsonValueKind.Null ? null
        : element.ValueKind == JsonValueKind.String ? element.GetString()
        : throw new InvalidDataException($"{name}: {Key(key, within)} must be text, not {Kind(element)}.");

    private static bool? Flag(string name, Dictionary<string, JsonElement> values, string key) =>
        !values.TryGetValue(key, out var element) || element.ValueKind == JsonValueKind.Null ? null
        : element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean()
        : throw new InvalidDataException($"{name}: \"{key}\" must be true or false, not {Kind(element)}.");

    private static float? MinRating(string name, Dictionary<string, JsonElement> values)
    {
        if (!values.TryGetValue("minRating", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value) && float.IsFinite((float)value)
            ? (float)value
            : throw new InvalidDataException($"{name}: \"minRating\" must be a finite number, not {Kind(element)}.");
    }

    private static string Key(string key, string within) => within.Length > 0 ? $"\"{within}.{key}\"" : $"\"{key}\"";

    /// <summary>A JSON value described for a message: its kind and, shortened, its text.</summary>
    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the text {FieldText.Quote(element.GetString() ?? "")}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
