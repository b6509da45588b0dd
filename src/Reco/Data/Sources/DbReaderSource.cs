using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Reco.Data.Sources;

/// <summary>Reads the rows of a SQL query result (any ADO.NET provider) into interactions.</summary>
internal static class DbReaderSource
{
    public static async Task<LoadResult> LoadAsync(string source, DbDataReader reader, LoadOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var mapping = options.Columns ?? ColumnMapping.Detect(names) ?? throw new InvalidDataException(
            $"{source}: cannot tell which columns hold users and items (columns: {string.Join(", ", names)}); name them with --user-col and --item-col, or alias them in the query.");
        var feedback = options.FeedbackFor(mapping);
        DelimitedTextSource.RequireRatingIfExplicit(source, mapping, feedback);
        var policy = options.DuplicatesFor(feedback);
        int user = Resolve(source, names, mapping.User, "user id");
        int item = Resolve(source, names, mapping.Item, "item id");
        int rating = mapping.Rating is null ? -1 : Resolve(source, names, mapping.Rating, "rating");
        int time = mapping.Time is null ? -1 : Resolve(source, names, mapping.Time, "time");

        var columns = new ColumnSet(1024, mapping.Rating is not null || policy is DuplicatePolicy.Sum or DuplicatePolicy.Mean, time >= 0);
        var chunk = new Chunk(columns, 0, columns.Capacity, options, growable: true);
        long row = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row++;
            float ratingValue = 1f;
            long timeValue = 0;
            string? problem;
            string? column;
            if (rating >= 0 && (problem = Rating(reader, rating, out ratingValue)) is not null)
            {
                column = mapping.Rating;
            }
            else if (time >= 0 && (problem = Time(reader, time, out timeValue)) is not null)
            {
                column = mapping.Time;
            }
            else if ((problem = IdProblem(reader, user)) is not null)
            {
                column = mapping.User;
            }
            else if ((problem = IdProblem(reader, item)) is not null)
            {
                column = mapping.Item;
            }
            else
            {
                chunk.Add(Id(reader, user, chunk.Users), Id(reader, item, chunk.Items), ratingValue, timeValue);
                continue;
            }

            chunk.Bad(new BadRow(source, "row", row, column, problem));
        }

        return InteractionsAssembler.Assemble(source, columns, [chunk], mapping, options, clock);
    }

    private static string? IdProblem(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return "the id is null";
        }

        var value = reader.GetValue(ordinal);
        return value switch
        {
            string s when string.IsNullOrWhiteSpace(s) => "the id is empty",
            string or int or long or short or byte or uint => null,
            decimal d when d == decimal.Truncate(d) => null,
            _ => $"the id {Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name}) is neither a whole number nor text",
        };
    }

    private static int Id(DbDataReader reader, int ordinal, LocalIds ids) => reader.GetValue(ordinal) switch
    {
        string s => ids.Text(s.AsSpan().Trim()),
        decimal d => ids.Number((long)d),
        var v => ids.Number(Convert.ToInt64(v, CultureInfo.InvariantCulture)),
    };

    private static string? Rating(DbDataReader reader, int ordinal, out float value)
    {
        value = 0;
        if (reader.IsDBNull(ordinal))
        {
            return "the rating is null";
        }

        var raw = reader.GetValue(ordinal);
        double number;
        switch (raw)
        {
            case string s:
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    return $"'{s}' is not a number";
                }

                break;
            case IConvertible c when raw is not bool and not DateTime:
                number = c.ToDouble(CultureInfo.InvariantCulture);
                break;
            default:
                return $"{raw} ({raw.GetType().Name}) is not a number";
        }

        value = (float)number;
        return float.IsFinite(value) ? null : $"'{number.ToString(CultureInfo.InvariantCulture)}' is not a finite number";
    }

    private static string? Time(DbDataReader reader, int ordinal, out long value)
    {
        value = 0;
        if (reader.IsDBNull(ordinal))
        {
            return "the time is null";
        }

        switch (reader.GetValue(ordinal))
        {
            case DateTime t:
                value = FieldValues.UnixSeconds(t);
                return null;
            case DateTimeOffset t:
                value = t.ToUnixTimeSeconds();
                return null;
            case string s:
                return FieldValues.TryParseTime(s, out value) ? null : $"'{s}' is neither Unix seconds nor an ISO-8601 time";
            case int or long or short or decimal or double or float:
                value = Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
                return null;
            case var other:
                return $"{other} ({other.GetType().Name}) is not a time";
        }
    }

    private static int Resolve(string source, string[] names, string column, string role)
    {
        int exact = Array.IndexOf(names, column);
        if (exact >= 0)
        {
            return exact;
        }

        var folded = Enumerable.Range(0, names.Length).Where(i => string.Equals(names[i], column, StringComparison.OrdinalIgnoreCase)).ToArray();
        return folded.Length == 1 ? folded[0]
            : throw new InvalidDataException($"{source} has no column '{column}' for the {role}; the query's columns are: {string.Join(", ", names)}.");
    }
}
