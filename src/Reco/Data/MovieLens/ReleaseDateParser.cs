using System.Text;

namespace Reco.Data.MovieLens;

/// <summary>
/// Parses MovieLens release dates such as <c>01-Jan-1995</c> (and the odd single-digit day such as
/// <c>4-Feb-1971</c>) straight from bytes, which is much cheaper than culture-aware date parsing.
/// </summary>
internal static class ReleaseDateParser
{
    private static readonly byte[][] MonthAbbreviations =
    [
        "Jan"u8.ToArray(), "Feb"u8.ToArray(), "Mar"u8.ToArray(), "Apr"u8.ToArray(), "May"u8.ToArray(), "Jun"u8.ToArray(),
        "Jul"u8.ToArray(), "Aug"u8.ToArray(), "Sep"u8.ToArray(), "Oct"u8.ToArray(), "Nov"u8.ToArray(), "Dec"u8.ToArray(),
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        text = text.Trim(" "u8);

        // [d]d-MMM-yyyy
        int dayLength = text.IndexOf((byte)'-');
        if (dayLength is < 1 or > 2 || text.Length != dayLength + 9 || text[dayLength + 4] != (byte)'-')
        {
            return false;
        }

        if (!TryParseDigits(text[..dayLength], out int day)
            || !TryParseMonth(text.Slice(dayLength + 1, 3), out int month)
            || !TryParseDigits(text[(dayLength + 5)..], out int year)
            || year < 1
            || day < 1
            || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseMonth(ReadOnlySpan<byte> text, out int month)
    {
        for (int i = 0; i < MonthAbbreviations.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text, MonthAbbreviations[i]))
            {
                month = i + 1;
                return true;
            }
        }

        month = 0;
        return false;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return !text.IsEmpty;
    }
}
