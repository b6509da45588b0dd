using System.Globalization;

namespace Reco.Data.Sources;

/// <summary>
/// The checks every source applies to the values it reads, so an id, a rating or a time is accepted or
/// refused the same way from text, Parquet, SQLite or PostgreSQL. Each returns what is wrong, or
/// <see langword="null"/>.
/// </summary>
internal static class ValueRules
{
    /// <summary>The first second of the year 5000 (5000-01-01T00:00:00Z): a later Unix time is taken for one in a finer unit.</summary>
    public const long EndSeconds = 95_617_584_000;

    /// <summary>The characters trimmed from both ends of an id.</summary>
    public const string IdPadding = " \t\r";

    /// <summary>A rating must be a finite number that a single-precision float holds.</summary>
    public static string? RatingProblem(double value, string shown) =>
        !double.IsFinite(value) ? $"{shown} is not a finite number"
        : !float.IsFinite((float)value) ? $"{shown} is too large for a rating: not a finite number in single precision (beyond ±3.4e38)"
        : null;

    /// <summary>A number for a message, quoted: <c>'NaN'</c>, <c>'Infinity'</c>, <c>'1E+39'</c>.</summary>
    public static string Shown(double value) =>
        double.IsNaN(value) ? "'NaN'"
        : double.IsPositiveInfinity(value) ? "'Infinity'"
        : double.IsNegativeInfinity(value) ? "'-Infinity'"
        : $"'{value.ToString(CultureInfo.InvariantCulture)}'";

    /// <summary>An id, already trimmed of <see cref="IdPadding"/>, must be non-empty printable text.</summary>
    public static string? IdProblem(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return "the id is empty";
        }

        int bad = id.IndexOfAnyInRange('\0', '\u001f');
        if (bad < 0)
        {
            bad = id.IndexOf('\u007f');
        }

        return bad < 0 ? null : $"the id contains {Describe(id[bad])} (character {bad + 1}); ids must be printable text";
    }

    /// <summary>Converts a numeric time in <paramref name="unit"/> to Unix seconds and checks its range.</summary>
    public static string? TimeProblem(long value, TimeUnit unit, out long seconds)
    {
        seconds = unit switch
        {
            TimeUnit.Milliseconds => FloorDivide(value, 1000L),
            TimeUnit.Microseconds => FloorDivide(value, 1_000_000L),
            TimeUnit.Nanoseconds => FloorDivide(value, 1_000_000_000L),
            _ => value,
        };
        if (seconds >= 0 && seconds < EndSeconds)
        {
            return null;
        }

        string shown = value.ToString(CultureInfo.InvariantCulture);
        string unitName = TimeUnitNames.Name(unit);
        if (seconds < 0)
        {
            return $"'{shown}' is before 1970, the start of Unix time (times are {Spelt(unit)} since 1970-01-01 UTC)";
        }

        // Far in the future in this unit: name the finer unit that gives a plausible time.
        for (var finer = unit + 1; finer <= TimeUnit.Nanoseconds; finer++)
        {
            if (TimeProblem(value, finer, out _) is null)
            {
                return $"'{shown}' is after the year 5000 as Unix {Spelt(unit)}; it looks like {Spelt(finer)}: pass --time-unit {TimeUnitNames.Name(finer)}";
            }
        }

        return $"'{shown}' is after the year 5000 as Unix {Spelt(unit)} (--time-unit {unitName})";
    }

    /// <summary>Checks the range of a time that is already in Unix seconds (from a date, a timestamp or ISO-8601 text).</summary>
    public static string? SecondsProblem(long seconds, string shown) =>
        seconds < 0 ? $"{shown} is before 1970, the start of Unix time"
        : seconds >= EndSeconds ? $"{shown} is after the year 5000"
        : null;

    private static long FloorDivide(long value, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static string Spelt(TimeUnit unit) => unit switch
    {
        TimeUnit.Milliseconds => "milliseconds",
        TimeUnit.Microseconds => "microseconds",
        TimeUnit.Nanoseconds => "nanoseconds",
        _ => "seconds",
    };

    private static string Describe(char c) => c switch
    {
        '\0' => "a NUL character",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\t' => "a tab",
        _ => string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)c:X4}"),
    };
}
