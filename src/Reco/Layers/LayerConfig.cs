using System.Globalization;

namespace Reco.Layers;

/// <summary>
/// A layer's kind and hyper-parameters as text (Keras's <c>get_config</c>): with the saved values of its
/// variables, all that is needed to rebuild it.
/// </summary>
/// <param name="Type">The layer kind, for example <c>dense</c>.</param>
/// <param name="Arguments">Its hyper-parameters, for example <c>units</c> and <c>activation</c>.</param>
public sealed record LayerConfig(string Type, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>Rebuilds the layer, taking each variable's values from <paramref name="variable"/> by name.</summary>
    /// <exception cref="InvalidDataException">The kind is unknown or an argument is missing or malformed.</exception>
    public ILayer Create(Func<string, float[]> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Type switch
        {
            Dense.TypeName => Dense.FromConfig(this, variable),
            Cross.TypeName => Cross.FromConfig(this, variable),
            L2Normalize.TypeName => L2Normalize.FromConfig(this),
            _ => throw new InvalidDataException($"'{Type}' is not a layer kind this version knows."),
        };
    }

    /// <summary>A whole-number argument.</summary>
    internal int Int(string name) => Arguments.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
        ? value
        : throw new InvalidDataException($"The {Type} layer's '{name}' is missing or not a whole number of at least 1.");

    /// <summary>A text argument.</summary>
    internal string Text(string name) => Arguments.TryGetValue(name, out var text) ? text : throw new InvalidDataException($"The {Type} layer has no '{name}'.");
}
