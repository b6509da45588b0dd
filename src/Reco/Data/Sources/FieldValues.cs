using System.Globalization;
using System.Runtime.CompilerServices;
using Reco.Data.Parsing;
using Reco.Data.Sources.Parquet;

namespace Reco.Data.Sources;

/// <summary>Parses rating and time fields from bytes without allocating on the common paths.</summary>
internal static class FieldValues
{
    private static readonly float[] PowersOfTen = [1f, 10f, 100f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f];

    /// <summary>Parses a finite number; plain decimals such as <c>4</c> or <c>3.5</c> take a fast exact path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseRating(ReadOnlySpan<byte> field, out float value)
    {
        // digits[.digits] with at most 7 digits on each side: an exact float divided by an exact power
        // of ten is correctly rounded, as the general parser's result is.
        long mantissa = 0;
        int i = 0;
        int dot = -1;
        for (; i < field.Length; i++)
        {
            uint digit = (uint)(field[i] - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
            }
            else if (field[i] == (byte)'.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                break;
            }
        }

        int digits = dot < 0 ? field.Length : field.Length - 1;
        int fraction = dot < 0 ? 0 : field.Length - dot - 1;
        if (i == field.Length && digits > 0 && digits <= 7 && fraction < PowersOfTen.Length && dot != 0 && dot != field.Length - 1)
        {
            value = mantissa / PowersOfTen[fraction];
            return true;
        }

        return float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    /// <summary>What is wrong with a rating field that <see cref="TryParseRating"/> refused.</summary>
    public static string RatingProblem(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return "the rating is empty";
        }

        string shown = FieldText.Quote(field);
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? ValueRules.RatingProblem(value, shown) ?? $"{shown} is not a finite number"
            : $"{shown} is not a finite number";
    }

    /// <summary>
    /// Parses a time: a whole number in <paramref name="unit"/> since the Unix epoch, or an ISO-8601 date
    /// and time (UTC unless an offset is given). Returns what is wrong, or <see langword="null"/> with the Unix seconds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Time(ReadOnlySpan<byte> field, TimeUnit unit, out long seconds)
    {
        if (FieldText.TryParseInt64(field, out long value))
        {
            if (unit == TimeUnit.Seconds && (ulong)value < (ulong)ValueRules.EndSeconds)
            {
                seconds = value;
                return null;
            }

            return ValueRules.TimeProblem(value, unit, out seconds);
        }

        seconds = 0;
        if (field.IsEmpty)
        {
            return "the time is empty";
        }

        // A negative number is refused, saying why ("-0" is no number of seconds).
        if (field[0] == (byte)'-' && long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value < 0)
        {
            return ValueRules.TimeProblem(value, unit, out seconds);
        }

        Span<char> chars = stackalloc char[64];
        int written = 0;
        bool ascii = field.Length <= chars.Length && System.Text.Ascii.ToUtf16(field, chars, out written) == System.Buffers.OperationStatus.Done;
        return ascii && TryParseIso(chars[..written], out seconds)
            ? ValueRules.SecondsProblem(seconds, FieldText.Quote(field))
            : $"{FieldText.Quote(field)} is neither Unix {UnitWord(unit)} nor an ISO-8601 time";
    }

    /// <summary>Parses a time given as text: a whole number in <paramref name="unit"/>, or ISO-8601.</summary>
    public static string? Time(ReadOnlySpan<char> text, TimeUnit unit, out long seconds)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return ValueRules.TimeProblem(value, unit, out seconds);
        }

        seconds = 0;
        string shown = $"'{(text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "..."))}'";
        return text.IsEmpty ? "the time is empty"
            : TryParseIso(text, out seconds) ? ValueRules.SecondsProblem(seconds, shown)
            : $"{shown} is neither Unix {UnitWord(unit)} nor an ISO-8601 time";
    }

    /// <summary>Parses an ISO-8601 date, or date and time, into Unix seconds.</summary>
    private static bool TryParseIso(ReadOnlySpan<char> text, out long seconds)
    {
        // ISO-8601 dates always start with a four-digit year and a dash.
        if (text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            seconds = time.ToUnixTimeSeconds();
            return true;
        }

        seconds = 0;
        return false;
    }

    private static string UnitWord(TimeUnit unit) => unit switch
    {
        TimeUnit.Milliseconds => "milliseconds",
        TimeUnit.Microseconds => "microseconds",
        TimeUnit.Nanoseconds => "nanoseconds",
        _ => "seconds",
    };

    /// <summary>Seconds since the Unix epoch of a date and time; an unspecified kind is taken as UTC.</summary>
    public static long UnixSeconds(DateTime time) =>
        new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
