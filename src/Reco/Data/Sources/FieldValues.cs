using System.Globalization;
using System.Runtime.CompilerServices;

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

    /// <summary>Parses Unix seconds (a whole number) or an ISO-8601 date and time (UTC unless an offset is given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTime(ReadOnlySpan<byte> field, out long unixSeconds)
    {
        if (FieldText.TryParseInt64(field, out unixSeconds))
        {
            return true;
        }

        if (field.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[field.Length];
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] > 127)
            {
                return false;
            }

            chars[i] = (char)field[i];
        }

        return TryParseTime(chars, out unixSeconds);
    }

    /// <summary>Parses Unix seconds or ISO-8601 text.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out long unixSeconds)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out unixSeconds))
        {
            return true;
        }

        // ISO-8601 dates always start with a four-digit year and a dash.
        if (text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            unixSeconds = time.ToUnixTimeSeconds();
            return true;
        }

        unixSeconds = 0;
        return false;
    }

    /// <summary>Seconds since the Unix epoch of a date and time; an unspecified kind is taken as UTC.</summary>
    public static long UnixSeconds(DateTime time) =>
        new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
