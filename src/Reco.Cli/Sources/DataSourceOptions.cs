using System.CommandLine;
using Reco.Cli.Commands;
using Reco.Cli.Display;
using Reco.Data;
using Reco.Data.Download;
using Reco.Data.Sources;
using Reco.Data.Sources.Text;

namespace Reco.Cli.Sources;

/// <summary>
/// The <c>--data</c> option set, shared by every command that reads interactions, and its resolution to
/// <see cref="Interactions"/> with a load report.
/// </summary>
/// <remarks>
/// To give a command your own data:
/// <code>
/// var data = new DataSourceOptions();
/// var command = new Command("train", "…");
/// data.AddTo(command);
/// command.SetAction((parse, cancellationToken) =>
/// {
///     var context = CliContext.From(parse);
///     return context.RunAsync(async () =>
///     {
///         if (data.IsGiven(parse))
///         {
///             LoadResult loaded = await data.LoadAsync(parse, context, cancellationToken); // prints the load report to standard error
///             Interactions interactions = loaded.Interactions;                               // item features: loaded.ItemFeatures
///             …
///         }
///         …
///     });
/// });
/// </code>
/// Errors (a malformed row, a missing column, an empty source) are thrown as exceptions that
/// <see cref="CliContext.RunAsync"/> already turns into a one-line message and exit code 1.
/// Options: <c>--data PATH|DIR|NAME|sqlite:PATH|postgres:CONN|SPEC.json</c> (NAME: a MovieLens release such as <c>ml-1m</c>), <c>--format</c>, <c>--query</c>,
/// <c>--user-col</c>, <c>--item-col</c>, <c>--rating-col</c>, <c>--time-col</c>, <c>--feedback</c>,
/// <c>--min-rating</c>, <c>--duplicates</c>, <c>--skip-bad-rows</c>, <c>--delimiter</c>, <c>--no-header</c>, <c>--encoding</c>,
/// <c>--time-unit</c>. <c>--data -</c> reads CSV from standard input. A load that runs for more than a few
/// seconds prints its progress (rows, rate, share done and time left) to standard error.
/// </remarks>
internal sealed class DataSourceOptions
{
    public Option<string?> Data { get; } = CliOptions.NotBlank(
        new Option<string?>("--data")
        {
            Description = "Interactions to load: a CSV/TSV/Parquet file (also gzipped), - for CSV on standard input, a MovieLens folder or release name (ml-1m, …), sqlite:PATH or postgres:CONNECTION-STRING (with --query), or a JSON dataset spec.",
            HelpName = "SOURCE",
        },
        "a source: a file, a folder, - for standard input, sqlite:PATH, postgres:CONNECTION-STRING or a data set name");

    public Option<string?> Format { get; } = new("--format") { Description = "The source format when the name does not tell: csv, tsv, parquet, sqlite, postgres or movielens." };

    public Option<string?> Query { get; } = new("--query") { Description = "The SQL query of a sqlite: or postgres: source.", HelpName = "SQL" };

    public Option<string?> UserColumn { get; } = new("--user-col") { Description = "The user id column (name, or 1-based position without a header). Default: detected from the names.", HelpName = "COLUMN" };

    public Option<string?> ItemColumn { get; } = new("--item-col") { Description = "The item id column.", HelpName = "COLUMN" };

    public Option<string?> RatingColumn { get; } = new("--rating-col") { Description = "The rating or weight column; without one every row weighs 1 (implicit).", HelpName = "COLUMN" };

    public Option<string?> TimeColumn { get; } = new("--time-col") { Description = "The time column: Unix seconds (see --time-unit) or ISO-8601.", HelpName = "COLUMN" };

    public Option<string?> TimeUnit { get; } = new("--time-unit") { Description = "What numeric times count since 1970: s (default), ms, us or ns; converted to seconds.", HelpName = "s|ms|us|ns" };

    public Option<string?> Feedback { get; } = new("--feedback") { Description = "explicit (ratings) or implicit (events, counts, weights). Default: explicit when there is a rating column." };

    public Option<float?> MinRating { get; } = CliOptions.Finite(new Option<float?>("--min-rating") { Description = "Binarise: keep rows rated at least this, as weight 1; the others are counted and left out.", HelpName = "VALUE" });

    public Option<string?> Duplicates { get; } = new("--duplicates") { Description = "Repeated (user, item) pairs: keep-last (explicit default), sum (implicit default), mean or keep-all." };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "Skip malformed rows, reporting how many and the first ones, instead of stopping at the first." };

    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "The field separator of a text file, e.g. ';' or '::' (\\t for a tab)." };

    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "The text file has no header line; columns are named by position (1, 2, …)." };

    public Option<string?> Encoding { get; } = new("--encoding") { Description = "Text encoding of a text file: utf-8 (default) or latin1." };

    private IEnumerable<Option> All =>
        [Data, Format, Query, UserColumn, ItemColumn, RatingColumn, TimeColumn, TimeUnit, Feedback, MinRating, Duplicates, SkipBadRows, Delimiter, NoHeader, Encoding];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether <c>--data</c> was given.</summary>
    public bool IsGiven(ParseResult parse) => !string.IsNullOrWhiteSpace(parse.GetValue(Data));

    /// <summary>The spec the options describe; <paramref name="source"/> stands in for <c>--data</c> when given.</summary>
    public DataSpec Resolve(ParseResult parse, string? source = null)
    {
        source ??= parse.GetValue(Data) ?? throw new ArgumentException("Name the data with --data.");
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ArgumentException("--data needs a source: a file, a folder, - for standard input, sqlite:PATH, postgres:CONNECTION-STRING or a data set name.");
        }

        var spec = source.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(source)
            ? DataSpecFile.Read(source)
            : new DataSpec { Source = source };

        string? user = parse.GetValue(UserColumn);
        string? item = parse.GetValue(ItemColumn);
        var columns = spec.Options.Columns;
        if (user is not null || item is not null)
        {
            if (user is null || item is null)
            {
                throw new ArgumentException("Give both --user-col and --item-col (and optionally --rating-col and --time-col).");
            }

            columns = new ColumnMapping(user, item, parse.GetValue(RatingColumn), parse.GetValue(TimeColumn));
        }
        else if (parse.GetValue(RatingColumn) is not null || parse.GetValue(TimeColumn) is not null)
        {
            throw new ArgumentException("--rating-col and --time-col need --user-col and --item-col too.");
        }

        string? delimiter = parse.GetValue(Delimiter);
        string? encoding = parse.GetValue(Encoding);
        bool noHeader = parse.GetValue(NoHeader);
        var format = parse.GetValue(Format) is string f ? DataSpecFile.ParseFormat(f) : spec.Format;
        var text = spec.Text;
        if (delimiter is not null || encoding is not null || noHeader)
        {
            var baseText = text ?? (format switch
            {
                DataFormat.Tsv => TextFormat.Tsv,
                null => DelimitedTextSource.FormatFor(spec.Source),
                _ => TextFormat.Csv,
            });
            text = baseText with
            {
                Delimiter = delimiter is null ? baseText.Delimiter : delimiter.Replace("\\t", "\t", StringComparison.Ordinal),
                HasHeader = !noHeader && baseText.HasHeader,
                Encoding = encoding is null ? baseText.Encoding : TextDecoding.Parse(encoding),
            };
        }

        return spec with
        {
            Format = format,
            Query = parse.GetValue(Query) ?? spec.Query,
            Text = text,
            Options = spec.Options with
            {
                Columns = columns,
                TimeUnit = parse.GetValue(TimeUnit) is string unit ? TimeUnitNames.Parse(unit) : spec.Options.TimeUnit,
                Feedback = parse.GetValue(Feedback) is string fb ? DataSpecFile.ParseFeedback(fb) : spec.Options.Feedback,
                MinRating = parse.GetValue(MinRating) ?? spec.Options.MinRating,
                Duplicates = parse.GetValue(Duplicates) is string d ? DuplicatePolicyNames.Parse(d) : spec.Options.Duplicates,
                SkipBadRows = parse.GetValue(SkipBadRows) || spec.Options.SkipBadRows,
            },
        };
    }

    /// <summary>
    /// Resolves and loads the data, writing the load report to standard error. A data set's name
    /// (<c>ml-1m</c>, …) that is not also a local path loads from the cache, downloading it if needed.
    /// </summary>
    public async Task<LoadResult> LoadAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken, string? source = null)
    {
        source ??= parse.GetValue(Data);
        if (source is not null && !File.Exists(source) && !Directory.Exists(source) && MovieLensSources.All.FirstOrDefault(s => s.Name == source) is { } dataset)
        {
            var cache = new DatasetCache();
            await context.Error.WriteLineAsync($"Using {dataset.Name} from the cache in {cache.RootDirectory} (downloading {dataset.ZipUrl} if needed).");
            source = await DownloadProgressDisplay.RunAsync(context, $"Downloading {dataset.Name}", progress => cache.EnsureAsync(dataset, progress, cancellationToken));
        }

        var spec = Resolve(parse, source);
        var result = await DataLoader.LoadAsync(spec with { Options = spec.Options with { Progress = new ProgressLines(context.Error) } }, cancellationToken);
        await context.Error.WriteAsync(result.Report.ToText());
        return result;
    }

    /// <summary>
    /// Writes a plain progress line to standard error every few seconds of a long load (none for a short
    /// one): rows so far, their rate, and the share done with the time left when the size is known.
    /// </summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<LoadProgress>
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private readonly Lock _gate = new();
        private TimeSpan _next = Every;

        public void Report(LoadProgress value)
        {
            lock (_gate)
            {
                if (value.Elapsed < _next)
                {
                    return;
                }

                _next = value.Elapsed + Every;
                var c = System.Globalization.CultureInfo.InvariantCulture;
                string share = value.Fraction is double f ? string.Create(c, $", {f * 100:F0}% done") : "";
                string left = value.Remaining is TimeSpan r ? string.Create(c, $", about {Math.Ceiling(r.TotalSeconds):N0} s left") : "";
                error.WriteLine(string.Create(c, $"Loading {value.Source}: {value.Rows:N0} rows, {value.RowsPerSecond:N0} rows/s{share}{left}"));
            }
        }
    }
}
