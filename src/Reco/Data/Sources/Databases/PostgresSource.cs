using System.Diagnostics;
using Npgsql;
using Reco.Data.Parsing;

namespace Reco.Data.Sources.Databases;

/// <summary>
/// Loads interactions from PostgreSQL with a SQL query (Npgsql), streaming the result rows. The query
/// runs alone in a read-only transaction that is rolled back, on a session whose transactions are all
/// read-only, so a query that would change data is refused and nothing is changed. No message repeats
/// the connection string's password.
/// </summary>
public static class PostgresSource
{
    /// <summary>Runs <paramref name="query"/> on the database of <paramref name="connectionString"/> and loads its rows.</summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Username=reco;Password=…;Database=reco</c>.</param>
    /// <param name="query">One SQL statement that reads, whose columns the mapping names (or that <see cref="ColumnMapping.Detect"/> recognises).</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The interactions and the load report; bad rows are named by their 1-based row number in the result.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or not valid.</exception>
    /// <exception cref="InvalidDataException">The connection or the query failed, or the query would write.</exception>
    public static async Task<LoadResult> LoadAsync(string connectionString, string query, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("A PostgreSQL source needs a connection string, e.g. postgres:Host=127.0.0.1;Username=reco;Database=reco.");
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("A database source needs a SQL query (--query), e.g. --query \"SELECT user_id, item_id, rating FROM ratings\".");
        }

        var clock = Stopwatch.StartNew();
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            // Npgsql's message names its own parameter (" (Parameter 'port')"), which says nothing to the user.
            string message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {Secrets.Scrub(message, connectionString)}");
        }

        string password = builder.Password ?? "";
        string source = $"postgres:{builder.Host}/{builder.Database}";
        if (FirstWord(query) is var word && word is not ("select" or "with" or "values" or "table"))
        {
            // COPY … TO a file, for one, only reads the database yet writes on the server: a query must be a query.
            throw new ArgumentException($"{source}: the query must be a SELECT (or WITH, VALUES, TABLE) statement, not {(word.Length == 0 ? "empty" : FieldText.Quote(word.ToUpperInvariant()))}.");
        }

        // Every transaction of the session is read-only, so even text that ends the query's own transaction cannot write.
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c default_transaction_read_only=on" : builder.Options + " -c default_transaction_read_only=on";
        try
        {
            var connection = new NpgsqlConnection(builder.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
                    await using (readOnly.ConfigureAwait(false))
                    {
                        await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    // A batch of one command: Npgsql does not split it at semicolons, and the server runs a single statement.
                    var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new NpgsqlBatchCommand(query) } };
                    await using (batch.ConfigureAwait(false))
                    {
                        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        await using (reader.ConfigureAwait(false))
                        {
                            return await DbReaderSource.LoadAsync(source, reader, options ?? new LoadOptions(), clock, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
        {
            throw new InvalidDataException($"{source}: the query must only read, and this one writes ({Secrets.Scrub(e.MessageText, password)}); nothing was changed.", e);
        }
        catch (PostgresException e) when (e.SqlState == "42601" && e.MessageText.Contains("multiple commands", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the query must be a single statement.", e);
        }
        catch (PostgresException e)
        {
            throw new InvalidDataException($"{source}: the query failed: {Secrets.Scrub(e.MessageText, password)}", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is InvalidOperationException or NotSupportedException or ArgumentException && e.Source == typeof(NpgsqlConnection).Assembly.GetName().Name))
        {
            string reason = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
            throw new InvalidDataException($"{source}: {Secrets.Scrub(reason, password, connectionString)}", e);
        }
    }

    /// <summary>The query's first word in lower case, after white space, comments and opening parentheses.</summary>
    private static string FirstWord(string query)
    {
        var text = query.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--", StringComparison.Ordinal))
            {
                int end = text.IndexOfAny('\n', '\r');
                text = end < 0 ? [] : text[end..];
            }
            else if (text.StartsWith("/*", StringComparison.Ordinal))
            {
                int end = text.IndexOf("*/", StringComparison.Ordinal);
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else if (text.StartsWith("(", StringComparison.Ordinal))
            {
                text = text[1..];
            }
            else
            {
                break;
            }
        }

        int length = 0;
        while (length < text.Length && char.IsAsciiLetter(text[length]))
        {
            length++;
        }

        return text[..length].ToString().ToLowerInvariant();
    }

    /// <summary>Synchronous <see cref="LoadAsync"/>.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="query">The query.</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <returns>The interactions and the load report.</returns>
    public static LoadResult Load(string connectionString, string query, LoadOptions? options = null) =>
        LoadAsync(connectionString, query, options).GetAwaiter().GetResult();
}
