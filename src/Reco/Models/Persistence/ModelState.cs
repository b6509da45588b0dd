using System.Text.Json.Nodes;
using Reco.Models.Options;

namespace Reco.Models.Persistence;

/// <summary>
/// A fitted model's parameters as named arrays, plus its hyper-parameters as the <c>key=value</c> options
/// of <see cref="AlgorithmCatalog"/> and, for models whose structure is not fixed by their options (a
/// two-tower model's layers, a blend's members), a JSON description of that structure. This is all
/// <see cref="Serialization.RecommenderFile"/> needs to save and rebuild it.
/// </summary>
public sealed class ModelState
{
    /// <summary>An empty state.</summary>
    public ModelState()
    {
    }

    /// <summary>A state whose <see cref="Options"/> are the hyper-parameters of <paramref name="options"/>, an options record.</summary>
    public ModelState(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, value) in OptionsBinder.Format(options))
        {
            Options[key] = value;
        }
    }

    /// <summary>Hyper-parameters, named as the catalogue names them.</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>The model's structure where its options do not fix it, or null.</summary>
    public JsonObject? Structure { get; set; }

    /// <summary>Floating-point arrays (factors, biases, similarities).</summary>
    public Dictionary<string, float[]> Floats { get; } = new(StringComparer.Ordinal);

    /// <summary>Double-precision arrays (regression weights).</summary>
    public Dictionary<string, double[]> Doubles { get; } = new(StringComparer.Ordinal);

    /// <summary>Integer arrays (neighbour lists, sparse structure).</summary>
    public Dictionary<string, int[]> Ints { get; } = new(StringComparer.Ordinal);

    /// <summary>Text arrays (vocabularies).</summary>
    public Dictionary<string, string[]> Strings { get; } = new(StringComparer.Ordinal);

    /// <summary>The float array <paramref name="name"/>; a missing one is a format error.</summary>
    public float[] Float(string name) => Floats.TryGetValue(name, out var v) ? v : throw Missing(name);

    /// <summary>The double array <paramref name="name"/>; a missing one is a format error.</summary>
    public double[] Double(string name) => Doubles.TryGetValue(name, out var v) ? v : throw Missing(name);

    /// <summary>The integer array <paramref name="name"/>; a missing one is a format error.</summary>
    public int[] Int(string name) => Ints.TryGetValue(name, out var v) ? v : throw Missing(name);

    /// <summary>The text array <paramref name="name"/>; a missing one is a format error.</summary>
    public string[] String(string name) => Strings.TryGetValue(name, out var v) ? v : throw Missing(name);

    /// <summary>Adds the arrays of <paramref name="child"/> under <c>prefix.</c> (for models made of models).</summary>
    public void Nest(string prefix, ModelState child)
    {
        ArgumentNullException.ThrowIfNull(child);
        foreach (var (name, values) in child.Floats)
        {
            Floats[$"{prefix}.{name}"] = values;
        }

        foreach (var (name, values) in child.Doubles)
        {
            Doubles[$"{prefix}.{name}"] = values;
        }

        foreach (var (name, values) in child.Ints)
        {
            Ints[$"{prefix}.{name}"] = values;
        }

        foreach (var (name, values) in child.Strings)
        {
            Strings[$"{prefix}.{name}"] = values;
        }
    }

    /// <summary>The arrays stored by <see cref="Nest"/> under <paramref name="prefix"/>, with <paramref name="options"/> and <paramref name="structure"/>.</summary>
    public ModelState Unnest(string prefix, IReadOnlyDictionary<string, string> options, JsonObject? structure)
    {
        ArgumentNullException.ThrowIfNull(options);
        var child = new ModelState { Structure = structure };
        foreach (var (key, value) in options)
        {
            child.Options[key] = value;
        }

        string start = prefix + ".";
        foreach (var (name, values) in Floats.Where(f => f.Key.StartsWith(start, StringComparison.Ordinal)))
        {
            child.Floats[name[start.Length..]] = values;
        }

        foreach (var (name, values) in Doubles.Where(f => f.Key.StartsWith(start, StringComparison.Ordinal)))
        {
            child.Doubles[name[start.Length..]] = values;
        }

        foreach (var (name, values) in Ints.Where(f => f.Key.StartsWith(start, StringComparison.Ordinal)))
        {
            child.Ints[name[start.Length..]] = values;
        }

        foreach (var (name, values) in Strings.Where(f => f.Key.StartsWith(start, StringComparison.Ordinal)))
        {
            child.Strings[name[start.Length..]] = values;
        }

        return child;
    }

    private static InvalidDataException Missing(string name) => new($"The saved model has no '{name}' parameters.");
}
