using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Reco.Data.Sources.Parquet;

namespace Reco.Data.Parsing;

/// <summary>Parses and describes single fields of Latin-1 / ASCII text files.</summary>
/// <remarks>
/// The number parsers run once per field of a one-shot load, which finishes before tiered compilation
/// would promote them, so they are compiled fully optimized up front.
/// </remarks>
internal static class FieldText
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    // Characters that would break an error message's single line, or hide in it.
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f\u0085\u2028\u2029");

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

    /// <summary>Quotes a field for an error message, cutting very long ones short and escaping control characters so the message stays on one line.</summary>
    public static string Quote(ReadOnlySpan<byte> field)
    {
        const int MaxShown = 40;
        return Quote(Latin1(field.Length <= MaxShown ? field : field[..MaxShown]), field.Length > MaxShown);
    }

    /// <summary>Quotes text for an error message, as <see cref="Quote(ReadOnlySpan{byte})"/> does.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        const int MaxShown = 40;
        return Quote((text.Length <= MaxShown ? text : text[..MaxShown]).ToString(), text.Length > MaxShown);
    }

    /// <summary>Text for a message without quotes around it: control characters escaped, text longer than <paramref name="maxShown"/> cut short.</summary>
    public static string Printable(string text, int maxShown = 60)
    {
        string quoted = Quote(text.Length <= maxShown ? text : text[..maxShown], text.Length > maxShown);
        return quoted.EndsWith("...'", StringComparison.Ordinal) && text.Length > maxShown ? quoted[1..^4] + "..." : quoted[1..^1];
    }

    /// <summary>A path or file name for a message: control characters escaped, never cut.</summary>
    public static string PrintablePath(string path) => Printable(path, int.MaxValue);

    /// <summary>Names for a message, comma-separated, each made <see cref="Printable"/>.</summary>
    public static string List(IEnumerable<string> names) => string.Join(", ", names.Select(name => Printable(name)));

    private static string Quote(string shown, bool cut)
    {
        if (shown.AsSpan().IndexOfAny(Unprintable) >= 0)
        {
            var escaped = new StringBuilder(shown.Length + 8);
            foreach (char c in shown)
            {
                escaped.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\0' => "\\0",
                    < ' ' or '\u007f' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                    '\u0085' or '\u2028' or '\u2029' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                    _ => c.ToString(),
                });
            }

            shown = escaped.ToString();
        }

        return cut ? $"'{shown}...'" : $"'{shown}'";
    }
}
