namespace Reco.Cli.Display;

/// <summary>Short names for the library's Keras-style log keys.</summary>
internal static class MetricNames
{
    /// <summary><c>factorized_top_k/top_100_categorical_accuracy</c> → <c>top_100</c>; other keys unchanged.</summary>
    public static string Short(string key)
    {
        const string Prefix = "factorized_top_k/";
        const string Suffix = "_categorical_accuracy";
        if (key.StartsWith(Prefix, StringComparison.Ordinal) && key.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return key[Prefix.Length..^Suffix.Length];
        }

        return key;
    }

    public static Dictionary<string, double> ShortAll(IReadOnlyDictionary<string, double> logs)
        => logs.ToDictionary(kv => Short(kv.Key), kv => kv.Value);

    public static string Format(string key, double value) => key == "loss" ? value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
