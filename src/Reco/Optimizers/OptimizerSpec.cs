using System.Globalization;

namespace Reco.Optimizers;

/// <summary>Parses optimizer specifications such as <c>adagrad:0.5</c> or <c>sgd:0.01</c>.</summary>
public static class OptimizerSpec
{
    /// <summary>The names accepted by <see cref="Parse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adagrad", "sgd"];

    /// <summary>Creates the optimizer a specification names; the learning rate after the colon is optional.</summary>
    /// <exception cref="FormatException">The name is unknown or the learning rate is not a positive number.</exception>
    public static Optimizer Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':', 2);
        float? rate = null;
        if (parts.Length == 2)
        {
            if (!float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !(r > 0) || float.IsInfinity(r))
            {
                throw new FormatException($"'{parts[1]}' in optimizer '{spec}' is not a positive learning rate.");
            }

            rate = r;
        }

        return parts[0].ToLowerInvariant() switch
        {
            "adagrad" => rate is { } a ? new Adagrad(a) : new Adagrad(),
            "sgd" => rate is { } s ? new Sgd(s) : new Sgd(),
            _ => throw new FormatException($"Unknown optimizer '{parts[0]}'; expected one of: {string.Join(", ", Names)} (for example adagrad:0.1)."),
        };
    }
}
