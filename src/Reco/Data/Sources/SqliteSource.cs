using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Reco.Data.Sources;

/// <summary>Loads interactions from a SQLite database file with a SQL query (Microsoft.Data.Sqlite), opened read-only.</summary>
public static class SqliteSource
{
    /// <summary>Runs <paramref name="query"/> on the database at <paramref name="path"/> and loads its rows.</summary>
    /// <param name="path">The database file; it must exist.</param>
    /// <param name="query">A query whose columns the mapping names (or that <see cref="ColumnMapping.Detect"/> recognises).</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The interactions and the load report; bad rows are named by their 1-based row number in the result.</returns>
    public static async Task<LoadResult> LoadAsync(string path, string query, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SQLite database '{path}' does not exist.", path);
        }

        var clock = Stopwatch.StartNew();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = query;
                try
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        return await DbReaderSource.LoadAsync($"sqlite:{Path.GetFileName(path)}", reader, options ?? new LoadOptions(), clock, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (SqliteException e)
                {
                    throw new InvalidDataException($"The query on {Path.GetFileName(path)} failed: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="query">The query.</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <returns>The interactions and the load report.</returns>
    public static LoadResult Load(string path, string query, LoadOptions? options = null) =>
        LoadAsync(path, query, options).GetAwaiter().GetResult();
}
