using System.Globalization;

namespace Reco.Cli.Commands;

/// <summary>Parses <c>--split random:FRACTION</c>.</summary>
internal static class SplitOption
{
    public static double ParseRandomFraction(string spec)
    {
        var parts = spec.Split(':', 2);
        if (parts.Length == 2 && parts[0] == "random"
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
            && fraction > 0 && fraction < 1)
        {
            return fraction;
        }

        throw new FormatException($"--split '{spec}' is not understood; expected random:FRACTION with 0 < FRACTION < 1, for example random:0.8.");
    }
}
