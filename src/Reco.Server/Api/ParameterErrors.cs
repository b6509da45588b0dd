using System.Globalization;

namespace Reco.Server.Api;

/// <summary>
/// Parses request parameters with messages a client can act on ("k must be a whole number from 1 to 100;
/// got 'abc'."), collecting every problem of a request so that one 400 answer names them all.
/// </summary>
internal sealed class ParameterErrors
{
    private Dictionary<string, string[]>? _errors;

    /// <summary>The problems found, by parameter name, or null when there are none.</summary>
    public Dictionary<string, string[]>? Errors => _errors;

    /// <summary>All the messages in one line.</summary>
    public string Summary => _errors is null ? "" : string.Join(" ", _errors.Values.SelectMany(m => m));

    public void Add(string parameter, string message)
    {
        _errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        _errors[parameter] = _errors.TryGetValue(parameter, out var before) ? [.. before, message] : [message];
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Whole(string name, string? text, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            Add(name, $"{name} must be a whole number from {min} to {max}; got '{Shorten(text)}'.");
            return fallback;
        }

        return value;
    }

    /// <summary>A number from 0 to 1, or 0 when absent.</summary>
    public double Fraction(string name, string? text)
    {
        if (text is null)
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 1))
        {
            Add(name, $"{name} must be a number from 0 to 1; got '{Shorten(text)}'.");
            return 0;
        }

        return value;
    }

    /// <summary><c>true</c> or <c>false</c> (also 1/0), or <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string name, string? text, bool fallback)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Add(name, $"{name} must be true or false; got '{Shorten(text)}'.");
                return fallback;
        }
    }

    /// <summary>A comma-separated list of ids (empty entries skipped), at most <paramref name="max"/> of them; null when absent.</summary>
    public HashSet<string>? List(string name, string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            ids.Add(part);
        }

        if (ids.Count > max)
        {
            Add(name, $"{name} lists {ids.Count} items; at most {max} are allowed.");
        }

        return ids;
    }

    /// <summary>A value as quoted back to the client: at most 40 characters.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
