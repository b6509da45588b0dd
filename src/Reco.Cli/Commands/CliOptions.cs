using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Reco.Cli.Commands;

/// <summary>Options shared by several commands, each checked when the command line is parsed, before any work.</summary>
internal static class CliOptions
{
    public static Option<string?> Json() => NotBlank(
        new Option<string?>("--json")
        {
            Description = "Also write the figures (metrics, per-epoch logs, timings) to this JSON file.",
            HelpName = "PATH",
        },
        "a file name, such as report.json");

    public static Option<string?> Save() => NotBlank(
        new Option<string?>("--save")
        {
            Description = "Save the trained model to this folder (atomically, with checksums); reco recommend, similar, evaluate and serve read it.",
            HelpName = "DIR",
        },
        "a folder name, such as model");

    /// <summary>
    /// Rejects, when the command line is parsed, an empty or blank value of a path option (<c>--json ""</c>),
    /// naming the option and what it needs (<paramref name="what"/>), instead of letting it reach the file system.
    /// </summary>
    public static Option<T> NotBlank<T>(Option<T> option, string what)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError($"{option.Name} needs {what}; got an empty value.");
            }
        });
        return option;
    }

    public static Option<int> Seed(int defaultValue) => WholeNumber("--seed", "Seed of every random choice (split, initial weights); the same seed gives the same run.", defaultValue, int.MinValue);

    /// <summary>
    /// A whole-number option of at least <paramref name="minimum"/> (and at most <paramref name="maximum"/>);
    /// anything else is a parse error naming the option and the range.
    /// </summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum = 1, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = Token(result);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                result.AddError(long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) || System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? $"{name} {text} is too large; the most is {int.MaxValue:N0}."
                    : $"{name} '{text}' is not a whole number.");
                return defaultValue;
            }

            if (maximum < int.MaxValue && (value < minimum || value > maximum))
            {
                result.AddError($"{name} must be from {minimum.ToString("N0", CultureInfo.InvariantCulture)} to {maximum.ToString("N0", CultureInfo.InvariantCulture)}; got {value}.");
            }
            else if (value < minimum)
            {
                result.AddError($"{name} must be at least {minimum}; got {value}.");
            }

            return value;
        },
    };

    /// <summary>
    /// A comma-separated list of distinct whole numbers (<c>42,1,2,3</c>); anything else is a parse error naming
    /// the option and the bad part. Null when the option is not given.
    /// </summary>
    public static Option<int[]?> WholeNumbers(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = Token(result);
            string[] parts;
            try
            {
                parts = CommaSeparated(name, text, "42,1,2");
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
                return null;
            }

            var values = new List<int>();
            foreach (var trimmed in parts)
            {
                if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    result.AddError($"{name}: '{trimmed}' is not a whole number.");
                    return null;
                }

                if (values.Contains(value))
                {
                    result.AddError($"{name} names {value} twice.");
                    return null;
                }

                values.Add(value);
            }

            return [.. values];
        },
    };

    /// <summary>A number option that must be finite and above <paramref name="exclusiveMinimum"/>.</summary>
    public static Option<float> Positive(string name, string description, float defaultValue, float exclusiveMinimum = 0f) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = Token(result);
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                result.AddError($"{name} '{text}' is not a finite number.");
                return defaultValue;
            }

            if (!(value > exclusiveMinimum))
            {
                result.AddError($"{name} must be above {exclusiveMinimum.ToString(CultureInfo.InvariantCulture)}; got {text}.");
            }

            return value;
        },
    };

    /// <summary>
    /// Parses the value of an optional number option itself, so that text that is not a number and a number
    /// that is not finite (<c>NaN</c>, <c>Infinity</c>, or one beyond ±3.4e38, which every comparison with a
    /// rating would silently get wrong) are each one line naming the option.
    /// </summary>
    public static Option<float?> Finite(Option<float?> option)
    {
        option.CustomParser = result =>
        {
            var text = Token(result);
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            {
                result.AddError($"{option.Name} '{text}' is not a number.");
                return null;
            }

            if (!float.IsFinite(value))
            {
                result.AddError($"{option.Name} must be a finite number; got '{text}'.");
                return null;
            }

            return value;
        };
        return option;
    }

    /// <summary>The trimmed entries of a comma-separated list; an empty entry (<c>1,,2</c>, <c>,</c>) is a <see cref="FormatException"/> naming the option.</summary>
    public static string[] CommaSeparated(string name, string text, string example)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Contains(string.Empty)
            ? throw new FormatException($"{name} '{text}' has an empty entry; give whole numbers separated by commas, e.g. {example}.")
            : parts;
    }

    /// <summary>Rejects, when the command line is parsed, a value that <paramref name="parse"/> refuses with a <see cref="FormatException"/>.</summary>
    public static void Check<T>(Option<T> option, Action<T> parse)
    {
        option.Validators.Add(result =>
        {
            try
            {
                // Without the option on the command line the default applies, which is valid.
                if (result.Tokens.Count > 0 && result.GetValueOrDefault<T>() is { } value)
                {
                    parse(value);
                }
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
            }
        });
    }

    /// <summary>An argument that must be one of <paramref name="names"/>; anything else is one line listing them.</summary>
    public static void OneOf(Argument<string> argument, string what, IReadOnlyList<string> names)
    {
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !names.Contains(value))
            {
                result.AddError($"'{value}' is not {what}; expected one of: {string.Join(", ", names)}.");
            }
        });
    }

    /// <summary>An option that must be one of <paramref name="names"/>; anything else is one line listing them.</summary>
    public static void OneOf(Option<string> option, IReadOnlyList<string> names)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !names.Contains(value))
            {
                result.AddError($"{option.Name} '{value}' is not one of: {string.Join(", ", names)}.");
            }
        });
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
