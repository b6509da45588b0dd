using System.Globalization;
using Reco.Data.Sources;
using Reco.Data.Splits;
using Reco.Data.Sources.Text;

namespace Reco.Data.MovieLens;

/// <summary>
/// MovieLens 100k's predefined folds: <c>u1</c> … <c>u5</c> (five disjoint 80/20 splits), <c>ua</c> and
/// <c>ub</c> (ten test ratings per user), and <c>u1-u5</c> for all five.
/// </summary>
/// <param name="folder">The unpacked 100k folder holding <c>u1.base</c>, <c>u1.test</c>, ….</param>
public sealed class MovieLensFolds(string folder) : IPredefinedFolds
{
    private static readonly string[] Names = ["u1", "u2", "u3", "u4", "u5", "ua", "ub"];

    /// <inheritdoc/>
    public string Help => "MovieLens folds u1…u5, ua, ub, u1-u5";

    /// <summary>Whether <paramref name="folder"/> has MovieLens 100k's fold files.</summary>
    public static bool In(string folder) => File.Exists(Path.Combine(folder, "u1.base"));

    /// <inheritdoc/>
    public IReadOnlyList<string>? Resolve(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var name = specification.Trim().ToLowerInvariant();
        if (name == "u1-u5")
        {
            return [.. Enumerable.Range(1, 5).Select(i => string.Create(CultureInfo.InvariantCulture, $"u{i}"))];
        }

        return Names.Contains(name) ? [name] : null;
    }

    /// <inheritdoc/>
    public (Interactions Train, Interactions Test) Load(string name, Interactions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return (Read($"{name}.base", data), Read($"{name}.test", data));
    }

    private Interactions Read(string file, Interactions data)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The MovieLens folder '{folder}' has no {file}.", path);
        }

        var text = new TextFormat { Delimiter = "\t", HasHeader = false, Encoding = TextDecoding.Latin1 };
        var options = new LoadOptions { Columns = new ColumnMapping("1", "2", "3", "4"), Duplicates = DuplicatePolicy.KeepAll };
        return DelimitedTextSource.Load(path, text, options).Interactions.OnMaps(data.Users, data.Items);
    }
}
