using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Reco.Optimizers;

namespace Reco.Models.Options;

/// <summary>
/// Reads, writes and validates the <see cref="HyperparameterAttribute"/> properties of an options record:
/// <c>key=value</c> text in, a typed record out, and back. Values are whole numbers, numbers, true/false,
/// text, enum members in lower case with hyphens (<c>adjusted-cosine</c>) or optimizer settings (<c>adagrad:0.1</c>).
/// </summary>
internal static class OptionsBinder
{
    /// <summary>The hyper-parameters of <paramref name="type"/> with their defaults.</summary>
    public static IReadOnlyList<Hyperparameter> Describe([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type)
    {
        var defaults = Activator.CreateInstance(type)!;
        return [.. Properties(type).Select(p => new Hyperparameter(p.Attribute.Key, Text(p.Property.GetValue(defaults)), p.Attribute.Description, Range(p.Property.PropertyType, p.Attribute)))];
    }

    /// <summary>
    /// A record of <paramref name="type"/> with the defaults overridden by <paramref name="pairs"/>
    /// (<c>key=value</c>); every value is checked against its type and range.
    /// </summary>
    /// <exception cref="FormatException">A pair is malformed, names no option, repeats a key, or has a bad value; the message names the option.</exception>
    public static object Parse([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type, string algorithm, IEnumerable<string> pairs)
    {
        var options = Activator.CreateInstance(type)!;
        var properties = Properties(type).ToDictionary(p => p.Attribute.Key, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (pair is null)
            {
                throw new FormatException($"An option of {algorithm} is null; write key=value.");
            }

            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? pair[..eq].Trim() : pair.Trim();
            if (eq <= 0 || !properties.TryGetValue(key, out var target))
            {
                var known = properties.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", properties.Keys);
                throw new FormatException(eq <= 0
                    ? $"'{pair}' is not an option of {algorithm}: write key=value ({known})."
                    : $"{algorithm} has no option '{key}' ({known}).");
            }

            if (!given.Add(key))
            {
                throw new FormatException($"The option {key} of {algorithm} is given twice.");
            }

            var text = pair[(eq + 1)..].Trim();
            target.Property.SetValue(options, Convert(target.Property.PropertyType, target.Attribute, text, algorithm));
        }

        return options;
    }

    /// <summary>Every hyper-parameter of <paramref name="options"/> as <c>key → value</c> text that <see cref="Parse"/> reads back.</summary>
    public static Dictionary<string, string> Format(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Properties(options.GetType()).ToDictionary(p => p.Attribute.Key, p => Text(p.Property.GetValue(options)), StringComparer.Ordinal);
    }

    /// <summary>Checks every hyper-parameter of <paramref name="options"/> against its range (for records built in code).</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static void Validate(object options, string algorithm)
    {
        foreach (var (property, attribute) in Properties(options.GetType()))
        {
            try
            {
                CheckRange(property.GetValue(options), attribute, algorithm);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
        }
    }

    /// <summary>An enum member as users write it: <c>AdjustedCosine</c> → <c>adjusted-cosine</c>.</summary>
    public static string EnumText(Enum value)
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static IEnumerable<(PropertyInfo Property, HyperparameterAttribute Attribute)> Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<HyperparameterAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Property, p.Attribute!))
            .OrderBy(p => p.Property.MetadataToken);

    private static object Convert(Type type, HyperparameterAttribute attribute, string text, string algorithm)
    {
        string Bad(string what) => $"Option {attribute.Key}={text} of {algorithm} must be {what}.";
        object value;
        if (type == typeof(int))
        {
            value = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : throw new FormatException(Bad("a whole number"));
        }
        else if (type == typeof(float))
        {
            value = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) && float.IsFinite(f) ? f : throw new FormatException(Bad("a finite number"));
        }
        else if (type == typeof(double))
        {
            value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : throw new FormatException(Bad("a finite number"));
        }
        else if (type == typeof(bool))
        {
            value = text.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => throw new FormatException(Bad("true or false")),
            };
        }
        else if (type == typeof(string))
        {
            value = text;
        }
        else if (type.IsEnum)
        {
            value = Enum.GetValues(type).Cast<Enum>().FirstOrDefault(e => EnumText(e) == text.ToLowerInvariant())
                ?? throw new FormatException(Bad(Range(type, attribute)));
        }
        else if (type == typeof(OptimizerSettings))
        {
            try
            {
                value = OptimizerSettings.Parse(text);
            }
            catch (FormatException e)
            {
                throw new FormatException($"Option {attribute.Key} of {algorithm}: {e.Message}", e);
            }
        }
        else
        {
            throw new InvalidOperationException($"Options of type {type.Name} are not supported.");
        }

        CheckRange(value, attribute, algorithm);
        return value;
    }

    private static void CheckRange(object? value, HyperparameterAttribute attribute, string algorithm)
    {
        double? number = value switch
        {
            int i => i,
            float f => f,
            double d => d,
            OptimizerSettings o => o.LearningRate,
            _ => null,
        };
        if (number is not { } x)
        {
            return;
        }

        // A learning rate must be above 0 whatever the attribute says (OptimizerSettings.Parse checks it for text;
        // this checks records built in code).
        bool rate = value is OptimizerSettings;
        string key = rate ? $"{attribute.Key}'s learning rate" : attribute.Key;
        // A float option is compared with its bounds in float, so that "0.01" meets a minimum of 0.01.
        double minimum = value is float ? (float)attribute.Minimum : attribute.Minimum;
        double maximum = value is float ? (float)attribute.Maximum : attribute.Maximum;
        bool low = attribute.ExclusiveMinimum ? x <= minimum : x < minimum;
        bool high = attribute.ExclusiveMaximum ? x >= maximum : x > maximum;
        if (!double.IsFinite(x) || low || high || (rate && x <= 0))
        {
            throw new FormatException($"Option {key} of {algorithm} is {Text(value)}; it must be {(rate ? "a finite number above 0" : Range(value!.GetType(), attribute))}.");
        }
    }

    private static string Range(Type type, HyperparameterAttribute attribute)
    {
        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<Enum>().Select(EnumText).ToArray();
            return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        var parts = new List<string>();
        if (!double.IsNegativeInfinity(attribute.Minimum))
        {
            parts.Add($"{(attribute.ExclusiveMinimum ? "above" : "at least")} {attribute.Minimum.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!double.IsPositiveInfinity(attribute.Maximum))
        {
            parts.Add($"{(attribute.ExclusiveMaximum ? "below" : "at most")} {attribute.Maximum.ToString(CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? string.Empty : string.Join(" and ", parts);
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        Enum e => EnumText(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
