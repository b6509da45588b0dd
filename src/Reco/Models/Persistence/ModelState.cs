namespace Reco.Models.Persistence;

/// <summary>
/// A fitted model's parameters as named arrays plus its hyper-parameters as <c>key=value</c> options
/// of <see cref="AlgorithmCatalog"/>, which is all <see cref="Serialization.RecommenderFile"/> needs to save and
/// rebuild it.
/// </summary>
public sealed class ModelState
{
    /// <summary>Hyper-parameters, named as the catalogue names them.</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>Floating-point arrays (factors, biases, similarities).</summary>
    public Dictionary<string, float[]> Floats { get; } = new(StringComparer.Ordinal);

    /// <summary>Integer arrays (neighbour lists, sparse structure).</summary>
    public Dictionary<string, int[]> Ints { get; } = new(StringComparer.Ordinal);

    /// <summary>The float array <paramref name="name"/>; a missing one is a format error.</summary>
    public float[] Float(string name) => Floats.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"The saved model has no '{name}' parameters.");

    /// <summary>The integer array <paramref name="name"/>; a missing one is a format error.</summary>
    public int[] Int(string name) => Ints.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"The saved model has no '{name}' parameters.");

    /// <summary>Adds an option with invariant formatting.</summary>
    public ModelState Option(string key, IFormattable value)
    {
        Options[key] = value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }
}
