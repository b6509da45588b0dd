using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.Sources.Databases;

/// <summary>Reads the rows of a SQL query result (any ADO.NET provider) into interactions, checking each value as every source does (<see cref="ValueRules"/>).</summary>
internal static class DbReaderSource
{
    private const int ProgressRows = 1 << 14;

    public static async Task<LoadResult> LoadAsync(string source, DbDataReader reader, LoadOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var mapping = options.Columns ?? ColumnMapping.Detect(names) ?? throw new InvalidDataException(
            $"{source}: cannot tell which columns hold users and items (columns: {FieldText.List(names)}); name them with --user-col and --item-col, or alias them in the query.");
        var feedback = options.FeedbackFor(mapping);
        DelimitedTextSource.RequireRatingIfExplicit(source, mapping, feedback);
        var policy = options.DuplicatesFor(feedback);
        int user = Resolve(source, names, mapping.User, "user id");
        int item = Resolve(source, names, mapping.Item, "item id");
        int rating = mapping.Rating is null ? -1 : Resolve(source, names, mapping.Rating, "rating");
        int time = mapping.Time is null ? -1 : Resolve(source, names, mapping.Time, "time");
        ColumnMapping.CheckDistinct(source, names, user, item, rating, time);

        var columns = new ColumnSet(1024, mapping.Rating is not null || policy is DuplicatePolicy.Sum or DuplicatePolicy.Mean, time >= 0);
        var chunk = new Chunk(columns, 0, columns.Capacity, options, growable: true);
        var progress = new ProgressMeter(options.Progress, source, clock);
        long row = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row++;
            if (row % ProgressRows == 0)
            {
                progress.Add(ProgressRows, 0);
            }

            float ratingValue = 1f;
            long timeValue = 0;
            string? problem;
            string? column;
            object? userId = null;
            object? itemId = null;
            if (rating >= 0 && (problem = Rating(reader, rating, out ratingValue)) is not null)
            {
                column = mapping.Rating;
            }
            else if (time >= 0 && (problem = Time(reader, time, options.TimeUnit, out timeValue)) is not null)
            {
                column = mapping.Time;
            }
            else if ((problem = Id(reader, user, out userId)) is not null)
            {
                column = mapping.User;
            }
            else if ((problem = Id(reader, item, out itemId)) is not null)
            {
                column = mapping.Item;
            }
            else
            {
                chunk.Add(Index(userId!, chunk.Users), Index(itemId!, chunk.Items), ratingValue, timeValue);
                continue;
            }

            chunk.Bad(new BadRow(source, "row", row, column, problem));
        }

        progress.Add(row % ProgressRows, 0);
        progress.Finish();
        return InteractionsAssembler.Assemble(source, columns, [chunk], mapping, options, clock);
    }

    /// <summary>Reads a value; a value the provider cannot turn into a .NET value (an infinite date, a NaN decimal) is a problem of the row.</summary>
    private static string? Value(DbDataReader reader, int ordinal, string what, out object? value)
    {
        value = null;
        try
        {
            if (reader.IsDBNull(ordinal))
            {
                return $"the {what} is null";
            }

            value = reader.GetValue(ordinal);
            return null;
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or NotSupportedException or FormatException or ArgumentException)
        {
            return $"the {what} has a value that cannot be read (column type {reader.GetDataTypeName(ordinal)})";
        }
    }

    private static string? Id(DbDataReader reader, int ordinal, out object? id)
    {
        if (Value(reader, ordinal, "id", out id) is string problem)
        {
            return problem;
        }

        switch (id)
        {
            case string s:
                string trimmed = s.AsSpan().Trim(ValueRules.IdPadding).ToString();
                id = trimmed;
                return ValueRules.IdProblem(trimmed);
            case int or long or short or byte or sbyte or ushort or uint:
                id = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                return null;
            case ulong u when u <= long.MaxValue:
                id = (long)u;
                return null;
            case decimal d when d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue:
                id = (long)d;
                return null;
            default:
                return $"the id {Shown(id!)} ({Describe(id!)}) is neither a whole number nor text";
        }
    }

    private static int Index(object id, LocalIds ids) => id is string s ? ids.Text(s) : ids.Number((long)id);

    private static string? Rating(DbDataReader reader, int ordinal, out float value)
    {
        value = 0;
        if (Value(reader, ordinal, "rating", out object? raw) is string problem)
        {
            return problem;
        }

        double number;
        switch (raw)
        {
            case string s:
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    return $"{FieldText.Quote(s)} is not a number";
                }

                break;
            case double or float or decimal or int or long or short or byte or sbyte or ushort or uint or ulong:
                number = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                break;
            default:
                return $"{Shown(raw!)} ({Describe(raw!)}) is not a number";
        }

        value = (float)number;
        return ValueRules.RatingProblem(number, ValueRules.Shown(number));
    }

    private static string? Time(DbDataReader reader, int ordinal, TimeUnit unit, out long value)
    {
        value = 0;
        if (Value(reader, ordinal, "time", out object? raw) is string problem)
        {
            return problem;
        }

        switch (raw)
        {
            case DateTime t:
                value = FieldValues.UnixSeconds(t);
                return ValueRules.SecondsProblem(value, $"'{t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'");
            case DateTimeOffset t:
                value = t.ToUnixTimeSeconds();
                return ValueRules.SecondsProblem(value, $"'{t.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture)}'");
            case string s:
                return FieldValues.Time(s, unit, out value);
            case int or long or short or byte or sbyte or ushort or uint:
                return ValueRules.TimeProblem(Convert.ToInt64(raw, CultureInfo.InvariantCulture), unit, out value);
            case ulong or decimal or double or float:
                double number = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number) || Math.Abs(number) >= 9.2e18)
                {
                    return $"'{number.ToString(CultureInfo.InvariantCulture)}' is not a time";
                }

                // Fractions of the unit are dropped, as the conversion to whole seconds does.
                return ValueRules.TimeProblem((long)Math.Floor(number), unit, out value);
            default:
                return $"{Shown(raw!)} ({Describe(raw!)}) is not a time";
        }
    }

    private static string Shown(object value) => value switch
    {
        byte[] bytes => $"of {bytes.Length:N0} bytes",
        string s => FieldText.Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => FieldText.Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>The kind of a value in words, never a .NET type name.</summary>
    private static string Describe(object value) => value switch
    {
        double or float => "a real number",
        decimal => "a decimal number",
        bool => "true or false",
        byte[] => "binary data",
        DateTime or DateTimeOffset or DateOnly => "a date",
        TimeSpan or TimeOnly => "a duration",
        Guid => "a UUID",
        ulong => "a number beyond 64-bit range",
        _ => "a value of another kind",
    };

    private static int Resolve(string source, string[] names, string column, string role)
    {
        int exact = Array.IndexOf(names, column);
        if (exact >= 0)
        {
            return exact;
        }

        var folded = Enumerable.Range(0, names.Length).Where(i => string.Equals(names[i], column, StringComparison.OrdinalIgnoreCase)).ToArray();
        return folded.Length == 1 ? folded[0]
            : throw new InvalidDataException($"{source} has no column '{FieldText.Printable(column)}' for the {role}; the query's columns are: {FieldText.List(names)}.");
    }
}
