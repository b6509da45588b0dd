namespace Reco.Data.Sources;

/// <summary>What a numeric time counts since the Unix epoch; every unit is converted to whole seconds.</summary>
public enum TimeUnit
{
    /// <summary>Seconds (the default).</summary>
    Seconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Microseconds.</summary>
    Microseconds,

    /// <summary>Nanoseconds.</summary>
    Nanoseconds,
}
