using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reco.Data;

/// <summary>Parses and describes single fields of Latin-1 / ASCII text files.</summary>
/// <remarks>
/// The number parsers run once per field of a one-shot load, which finishes before tiered compilation
/// would promote them, so they are compiled fully optimized up front.
/// </remarks>
internal static class FieldText
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt32(ReadOnlySpan<byte> field, out int value)
    {
        if (TryParseShortDigits(field, out long digits) && digits <= int.MaxValue)
        {
            value = (int)digits;
            return true;
        }

        return int.TryParse(field, IntegerStyle, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt64(ReadOnlySpan<byte> field, out long value) =>
        TryParseShortDigits(field, out value) || long.TryParse(field, IntegerStyle, CultureInfo.InvariantCulture, out value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseFiniteSingle(ReadOnlySpan<byte> field, out float value)
    {
        // Whole-star ratings are by far the common case; exact for up to 7 digits.
        if (field.Length <= 7 && TryParseShortDigits(field, out long digits))
        {
            value = digits;
            return true;
        }

        return float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    /// <summary>
    /// Fast path for the plain ASCII digits that make up nearly every numeric field; anything else
    /// (signs, whitespace, 19+ digits) is left to the general parsers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseShortDigits(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.IsEmpty || field.Length > 18)
        {
            return false;
        }

        foreach (byte b in field)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    public static string Latin1(ReadOnlySpan<byte> field) => Encoding.Latin1.GetString(field);

    /// <summary>Quotes a field for an error message, cutting very long ones short.</summary>
    public static string Quote(ReadOnlySpan<byte> field)
    {
        const int MaxShown = 40;
        return field.Length <= MaxShown ? $"'{Latin1(field)}'" : $"'{Latin1(field[..MaxShown])}...'";
    }
}
