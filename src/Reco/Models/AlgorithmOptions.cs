using Reco.Data;
using Reco.Models.Options;
using Reco.Data.Sources.Parquet;

namespace Reco.Models;

/// <summary>One algorithm's parsed options (its options record) and the side data it may use.</summary>
public sealed class AlgorithmOptions
{
    private AlgorithmOptions(Algorithm algorithm, object values, IReadOnlyList<string> given, ItemFeatures? itemFeatures)
    {
        Algorithm = algorithm;
        Values = values;
        Given = given;
        ItemFeatures = itemFeatures;
    }

    /// <summary>The algorithm.</summary>
    public Algorithm Algorithm { get; }

    /// <summary>The options record (of <see cref="Algorithm.OptionsType"/>), defaults overridden by what was given.</summary>
    public object Values { get; }

    /// <summary>The <c>key=value</c> pairs that were given, as given.</summary>
    public IReadOnlyList<string> Given { get; }

    /// <summary>Item features for the algorithms that use them.</summary>
    public ItemFeatures? ItemFeatures { get; }

    /// <summary>
    /// A short name for reports: the algorithm's name, followed by the given settings
    /// (<c>als:factors=128:alpha=10</c>) when any were given.
    /// </summary>
    public string Label => Given.Count == 0 ? Algorithm.Name : $"{Algorithm.Name}:{string.Join(':', Given)}";

    /// <summary>Parses <c>key=value</c> pairs and attaches side data (item features for <c>content</c>).</summary>
    /// <exception cref="FormatException">A pair is malformed, names no option of the algorithm, repeats a key, or has a bad value; the message names the option.</exception>
    public static AlgorithmOptions Parse(Algorithm algorithm, IEnumerable<string> pairs, ItemFeatures? itemFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(pairs);
        var given = pairs.ToArray();
        return new AlgorithmOptions(algorithm, OptionsBinder.Parse(algorithm.OptionsType, algorithm.Name, given), [.. given.Select(g => g.Trim())], itemFeatures);
    }

    /// <summary>
    /// Parses a model specification, <c>NAME</c> or <c>NAME:key=value:key=value</c> (a value may itself hold
    /// colons, as in <c>two-tower:optimizer=adagrad:0.1</c>), with <paramref name="extra"/> pairs after its own.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not an algorithm.</exception>
    /// <exception cref="FormatException">An option is malformed, unknown, repeated or out of range.</exception>
    public static AlgorithmOptions ParseSpecification(string specification, IEnumerable<string>? extra = null, ItemFeatures? itemFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var parts = specification.Split(':');
        var algorithm = AlgorithmCatalog.Get(parts[0].Trim());
        var pairs = new List<string>();
        foreach (var part in parts.Skip(1))
        {
            if (part.Contains('=', StringComparison.Ordinal) || pairs.Count == 0)
            {
                pairs.Add(part);
            }
            else
            {
                pairs[^1] += ":" + part;
            }
        }

        return Parse(algorithm, [.. pairs, .. extra ?? []], itemFeatures);
    }

    /// <summary>Whether <paramref name="other"/> is the same algorithm with the same value for every hyper-parameter (defaults included).</summary>
    public bool SameSettings(AlgorithmOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(Algorithm, other.Algorithm) && ToDictionary().OrderBy(o => o.Key).SequenceEqual(other.ToDictionary().OrderBy(o => o.Key));
    }

    /// <summary>Every hyper-parameter's value as text (the defaults included), keyed as users write them.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => OptionsBinder.Format(Values);
}
