namespace Reco.Data.Sources;

/// <summary>The names of <see cref="TimeUnit"/> values on the command line and in spec files: <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c>.</summary>
public static class TimeUnitNames
{
    /// <summary>Parses <c>s</c>, <c>ms</c>, <c>us</c> or <c>ns</c> (or the unit spelt out: <c>seconds</c>, <c>milliseconds</c>, …).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The unit.</returns>
    /// <exception cref="FormatException">Not a known name.</exception>
    public static TimeUnit Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "s" or "sec" or "second" or "seconds" => TimeUnit.Seconds,
            "ms" or "millisecond" or "milliseconds" => TimeUnit.Milliseconds,
            "us" or "µs" or "microsecond" or "microseconds" => TimeUnit.Microseconds,
            "ns" or "nanosecond" or "nanoseconds" => TimeUnit.Nanoseconds,
            _ => throw new FormatException($"Unknown time unit '{name}'; expected s, ms, us or ns."),
        };
    }

    /// <summary>The short name of <paramref name="unit"/>.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><c>s</c>, <c>ms</c>, <c>us</c> or <c>ns</c>.</returns>
    public static string Name(TimeUnit unit) => unit switch
    {
        TimeUnit.Milliseconds => "ms",
        TimeUnit.Microseconds => "us",
        TimeUnit.Nanoseconds => "ns",
        _ => "s",
    };
}
