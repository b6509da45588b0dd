using System.Globalization;
using Parquet;
using Parquet.Schema;
using Reco.Data.Sources.Text;

namespace Reco.Data.Sources.Parquet;

/// <summary>Reads one row group's mapped columns into uniform arrays: ids as numbers or text, ratings as floats, times as Unix seconds.</summary>
internal static class ParquetColumns
{
    public sealed class Ids
    {
        public long[]? Numbers { get; init; }

        public bool[]? Missing { get; init; }

        public string?[]? Texts { get; init; }
    }

    public sealed class Values<T>
    {
        public required T[] Data { get; init; }

        /// <summary>Per row: null when the value is fine, else what is wrong.</summary>
        public string?[]? Problems { get; init; }
    }

    public static async Task<Ids> ReadIdsAsync(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (IsText(type) || type == typeof(byte[]))
        {
            var texts = new string?[n];
            if (IsText(type))
            {
                await group.ReadAsync(field, texts.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var bytes = new byte[]?[n];
                await group.ReadAsync(field, bytes.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    texts[i] = bytes[i] is byte[] b ? TextDecoding.Utf8Strict.TryGetString(b) ?? InvalidText : null;
                }
            }

            return new Ids { Texts = texts };
        }

        var (numbers, missing) = await ReadNumbersAsync(group, field, n, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"The id column '{field.Name}' holds {Describe(field)}; ids must be whole numbers or text.");
        return new Ids { Numbers = numbers, Missing = missing };
    }

    /// <summary>Stands for a byte-array id that is not valid UTF-8 (a string no valid text equals).</summary>
    public const string InvalidText = "\uFFFF\uFFFE";

    public static async Task<Values<float>> ReadRatingsAsync(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        var data = new float[n];
        string?[]? problems = null;
        void Problem(int row, string text) => (problems ??= new string?[n])[row] = text;

        if (type == typeof(float) && !field.IsNullable)
        {
            await group.ReadAsync(field, data.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                if (ValueRules.RatingProblem(data[i], Shown(data[i])) is string problem)
                {
                    Problem(i, problem);
                }
            }
        }
        else if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            double?[] values = await ReadAsDoubleAsync(group, field, n, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                if (values[i] is not double v)
                {
                    Problem(i, "the rating is null");
                }
                else if (ValueRules.RatingProblem(v, Shown(v)) is string problem)
                {
                    Problem(i, problem);
                }
                else
                {
                    data[i] = (float)v;
                }
            }
        }
        else
        {
            var (numbers, missing) = await ReadNumbersAsync(group, field, n, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The rating column '{field.Name}' holds {Describe(field)}, not numbers.");
            for (int i = 0; i < n; i++)
            {
                if (missing?[i] == true)
                {
                    Problem(i, "the rating is null");
                }

                data[i] = numbers[i];
            }
        }

        return new Values<float> { Data = data, Problems = problems };
    }

    public static async Task<Values<long>> ReadTimesAsync(ParquetRowGroupReader group, DataField field, int n, TimeUnit unit, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        var data = new long[n];
        string?[]? problems = null;
        void Problem(int row, string text) => (problems ??= new string?[n])[row] = text;

        if (type == typeof(DateTime))
        {
            var values = new DateTime?[n];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                if (values[i] is DateTime t)
                {
                    data[i] = FieldValues.UnixSeconds(t);
                    if (ValueRules.SecondsProblem(data[i], $"'{t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'") is string problem)
                    {
                        Problem(i, problem);
                    }
                }
                else
                {
                    Problem(i, "the time is null");
                }
            }
        }
        else if (IsText(type))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                if (values[i] is null)
                {
                    Problem(i, "the time is null");
                }
                else if (FieldValues.Time(values[i], unit, out data[i]) is string problem)
                {
                    Problem(i, problem);
                }
            }
        }
        else
        {
            var (numbers, missing) = await ReadNumbersAsync(group, field, n, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The time column '{field.Name}' holds {Describe(field)}; use Unix seconds (or --time-unit), a timestamp or ISO-8601 text.");
            for (int i = 0; i < n; i++)
            {
                if (missing?[i] == true)
                {
                    Problem(i, "the time is null");
                }
                else if (ValueRules.TimeProblem(numbers[i], unit, out data[i]) is string problem)
                {
                    Problem(i, problem);
                }
            }
        }

        return new Values<long> { Data = data, Problems = problems };
    }

    /// <summary>What is wrong with the type of a mapped column (<paramref name="role"/>: user id, item id, rating or time), or null.</summary>
    public static string? TypeProblem(DataField field, string role)
    {
        var type = field.ClrType;
        bool whole = type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte) || type == typeof(sbyte);
        return role switch
        {
            "rating" => whole || type == typeof(float) || type == typeof(double) || type == typeof(decimal) ? null
                : $"the rating column '{field.Name}' holds {Describe(field)}, not numbers.",
            "time" => whole || type == typeof(DateTime) || IsText(type) ? null
                : $"the time column '{field.Name}' holds {Describe(field)}; use Unix seconds (or --time-unit), a timestamp or ISO-8601 text.",
            _ => whole || IsText(type) || type == typeof(byte[]) ? null
                : $"the {role} column '{field.Name}' holds {Describe(field)}; ids must be whole numbers or text.",
        };
    }

    /// <summary>The values of a column in words, never a .NET type name.</summary>
    public static string Describe(DataField field)
    {
        var type = field.ClrType;
        string what = type == typeof(double) || type == typeof(float) ? "real numbers"
            : type == typeof(decimal) ? "decimal numbers"
            : type == typeof(bool) ? "true/false values"
            : type == typeof(byte[]) ? "binary values"
            : type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) ? "dates"
            : type == typeof(TimeSpan) || type == typeof(TimeOnly) ? "durations"
            : IsText(type) ? "text"
            : type == typeof(ulong) ? "unsigned 64-bit numbers"
            : type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) ? "whole numbers"
            : "values of another kind";
        return field.IsArray ? $"lists of {what}" : what;
    }

    /// <summary>A number for an error message.</summary>
    public static string Shown(double value) => ValueRules.Shown(value);

    /// <summary>Text columns: Parquet.Net 6 describes them as <c>ReadOnlyMemory&lt;char&gt;</c>, older files' readers as <c>string</c>.</summary>
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static async Task<(long[] Numbers, bool[]? Missing)?> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(int))
        {
            return await ReadAsync<int>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(long))
        {
            return await ReadAsync<long>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(short))
        {
            return await ReadAsync<short>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(uint))
        {
            return await ReadAsync<uint>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(ushort))
        {
            return await ReadAsync<ushort>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(byte))
        {
            return await ReadAsync<byte>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(sbyte))
        {
            return await ReadAsync<sbyte>(group, field, n, v => v, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task<(long[] Numbers, bool[]? Missing)> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int n, Func<T, long> widen, CancellationToken cancellationToken)
        where T : struct
    {
        var numbers = new long[n];
        if (!field.IsNullable)
        {
            var values = new T[n];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                numbers[i] = widen(values[i]);
            }

            return (numbers, null);
        }

        var nullable = new T?[n];
        await group.ReadAsync(field, nullable.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        bool[]? missing = null;
        for (int i = 0; i < n; i++)
        {
            if (nullable[i] is T v)
            {
                numbers[i] = widen(v);
            }
            else
            {
                (missing ??= new bool[n])[i] = true;
            }
        }

        return (numbers, missing);
    }

    private static async Task<double?[]> ReadAsDoubleAsync(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
    {
        var result = new double?[n];
        if (field.ClrType == typeof(float))
        {
            if (field.IsNullable)
            {
                var values = new float?[n];
                await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    result[i] = values[i];
                }
            }
            else
            {
                var values = new float[n];
                await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    result[i] = values[i];
                }
            }
        }
        else if (field.ClrType == typeof(double))
        {
            if (field.IsNullable)
            {
                await group.ReadAsync(field, result.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var values = new double[n];
                await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    result[i] = values[i];
                }
            }
        }
        else
        {
            var values = new decimal?[n];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                result[i] = values[i] is decimal d ? (double)d : null;
            }
        }

        return result;
    }
}
