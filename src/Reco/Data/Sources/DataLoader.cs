using Reco.Data.Sources.Databases;
using Reco.Data.Sources.Parquet;
using Reco.Data.Sources.Text;
namespace Reco.Data.Sources;

/// <summary>Loads a <see cref="DataSpec"/> from whichever source it names.</summary>
public static class DataLoader
{
    /// <summary>Loads the interactions <paramref name="spec"/> describes.</summary>
    /// <param name="spec">The source and how to read it.</param>
    /// <param name="cancellationToken">Cancels database loads.</param>
    /// <returns>The interactions, the load report and any side data.</returns>
    /// <exception cref="ArgumentException">The spec is incomplete (no query for a database, unknown format).</exception>
    /// <exception cref="DataFormatException">A row is malformed and bad rows are not skipped.</exception>
    /// <exception cref="InvalidDataException">The source gives no interactions or lacks a mapped column.</exception>
    public static async Task<LoadResult> LoadAsync(DataSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var format = spec.ResolveFormat();
        string location = spec.Location();
        switch (format)
        {
            case DataFormat.Csv:
            case DataFormat.Tsv:
                return DelimitedTextSource.Load(location, spec.TextFor(format), spec.Options);
            case DataFormat.Parquet:
                return await ParquetSource.LoadAsync(location, spec.Options, cancellationToken).ConfigureAwait(false);
            case DataFormat.Sqlite:
                return await SqliteSource.LoadAsync(location, RequireQuery(spec), spec.Options, cancellationToken).ConfigureAwait(false);
            case DataFormat.Postgres:
                return await PostgresSource.LoadAsync(location, RequireQuery(spec), spec.Options, cancellationToken).ConfigureAwait(false);
            default:
                if (spec.Options.Columns is not null)
                {
                    throw new ArgumentException("A MovieLens folder has fixed columns; leave out --user-col, --item-col, --rating-col and --time-col.");
                }

                if (spec.Options.TimeUnit != TimeUnit.Seconds)
                {
                    throw new ArgumentException("MovieLens times are Unix seconds; leave out --time-unit.");
                }

                if (File.Exists(location))
                {
                    throw new ArgumentException($"'{location}' is a file; a MovieLens source is the folder of a release (with u.data, ratings.dat or ratings.csv).");
                }

                return MovieLens.MovieLensFolder.Load(location, spec.Options);
        }
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>.</summary>
    /// <param name="spec">The source and how to read it.</param>
    /// <returns>The interactions, the load report and any side data.</returns>
    public static LoadResult Load(DataSpec spec) => LoadAsync(spec).GetAwaiter().GetResult();

    private static string RequireQuery(DataSpec spec) => string.IsNullOrWhiteSpace(spec.Query)
        ? throw new ArgumentException($"A database source needs a SQL query (--query), e.g. --query \"SELECT user_id, item_id, rating FROM ratings\".")
        : spec.Query;
}
