using Reco.Data.Features;
using Reco.Data.MovieLens;
using Reco.Data.Sources;
using Reco.Data.Splits;

namespace Reco.Data;

/// <summary>
/// Loaded interactions with everything that comes with them: a short name and where they came from, the
/// load report, side data as feature tables, the numeric item features content-based models use, the item
/// category vectors that intra-list diversity uses, and any folds the data set predefines. Item labels
/// (titles) are on <c>Interactions.Items</c>.
/// </summary>
public sealed class DataSet
{
    private readonly Lazy<ItemFeatures?> _itemFeatures;
    private readonly Lazy<Func<int, ReadOnlyMemory<float>>?> _categoryVectors;

    /// <summary>Wraps a load result.</summary>
    /// <param name="loaded">The interactions, report and side data.</param>
    /// <param name="name">A short name for reports (for example <c>movielens/100k</c> or <c>ratings.csv</c>).</param>
    /// <param name="source">Where the data came from (a path or a description without secrets).</param>
    /// <param name="predefinedFolds">Folds the data set comes with, if any.</param>
    /// <param name="fingerprint">A fingerprint of the source's content, if known.</param>
    public DataSet(LoadResult loaded, string name, string source, IPredefinedFolds? predefinedFolds = null, string? fingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Loaded = loaded;
        Name = name;
        Source = source;
        PredefinedFolds = predefinedFolds;
        Fingerprint = fingerprint;
        _itemFeatures = new(() => loaded.ItemFeatures?.ToItemFeatures(loaded.Interactions.Items));
        _categoryVectors = new(() => loaded.ItemFeatures?.CategoryVectors(loaded.Interactions.Items));
    }

    /// <summary>The load result: interactions, report and side data.</summary>
    public LoadResult Loaded { get; }

    /// <summary>The interactions.</summary>
    public Interactions Interactions => Loaded.Interactions;

    /// <summary>A short name for reports.</summary>
    public string Name { get; }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>A fingerprint of the source's content, if known.</summary>
    public string? Fingerprint { get; }

    /// <summary>Folds the data set comes with, if any (MovieLens 100k's u1 … u5, ua, ub).</summary>
    public IPredefinedFolds? PredefinedFolds { get; }

    /// <summary>Numeric item features for content-based models (one-hot categories, TF-IDF words), or null without side data.</summary>
    public ItemFeatures? ItemFeatures => _itemFeatures.Value;

    /// <summary>Each item's categories as a 0/1 vector (genres where the data has them), for intra-list diversity; null without categories.</summary>
    public Func<int, ReadOnlyMemory<float>>? CategoryVectors => _categoryVectors.Value;

    /// <summary>Loads the data a spec describes.</summary>
    public static async Task<DataSet> LoadAsync(DataSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return From(await DataLoader.LoadAsync(spec, cancellationToken).ConfigureAwait(false), spec);
    }

    /// <summary>Wraps what <paramref name="spec"/> loaded: names it, fingerprints its source and finds the folds it predefines.</summary>
    public static DataSet From(LoadResult loaded, DataSpec spec)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(spec);
        var format = spec.ResolveFormat();
        string location = spec.Location();
        bool folder = format == DataFormat.MovieLens && Directory.Exists(location);
        bool is100K = folder && MovieLensFolder.Detect(location) == MovieLensFormat.Tab100K;
        string name = is100K ? "movielens/100k" : Path.GetFileName(Path.TrimEndingDirectorySeparator(location));
        if (format is DataFormat.Sqlite or DataFormat.Postgres)
        {
            name = format == DataFormat.Sqlite ? Path.GetFileName(location) : "postgres";
        }

        return new DataSet(
            loaded,
            name,
            format == DataFormat.Postgres ? "postgres query" : Path.GetFullPath(location),
            is100K && MovieLensFolds.In(location) ? new MovieLensFolds(location) : null,
            DataFingerprint.Of(location, format, spec.Query));
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>.</summary>
    public static DataSet Load(DataSpec spec) => LoadAsync(spec).GetAwaiter().GetResult();

    /// <summary>Loads an unpacked MovieLens folder (any release).</summary>
    public static DataSet LoadMovieLens(string folder) => Load(new DataSpec { Source = folder, Format = DataFormat.MovieLens });
}
