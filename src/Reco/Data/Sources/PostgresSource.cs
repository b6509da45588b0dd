using System.Diagnostics;
using Npgsql;

namespace Reco.Data.Sources;

/// <summary>Loads interactions from PostgreSQL with a SQL query (Npgsql), streaming the result rows.</summary>
public static class PostgresSource
{
    /// <summary>Runs <paramref name="query"/> on the database of <paramref name="connectionString"/> and loads its rows.</summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Username=reco;Password=…;Database=reco</c>.</param>
    /// <param name="query">A query whose columns the mapping names (or that <see cref="ColumnMapping.Detect"/> recognises).</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The interactions and the load report; bad rows are named by their 1-based row number in the result.</returns>
    public static async Task<LoadResult> LoadAsync(string connectionString, string query, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var clock = Stopwatch.StartNew();
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{connectionString}' is not a PostgreSQL connection string: {e.Message}", e);
        }

        string source = $"postgres:{builder.Host}/{builder.Database}";
        try
        {
            var connection = new NpgsqlConnection(builder.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = new NpgsqlCommand(query, connection);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        return await DbReaderSource.LoadAsync(source, reader, options ?? new LoadOptions(), clock, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (NpgsqlException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="query">The query.</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <returns>The interactions and the load report.</returns>
    public static LoadResult Load(string connectionString, string query, LoadOptions? options = null) =>
        LoadAsync(connectionString, query, options).GetAwaiter().GetResult();
}
