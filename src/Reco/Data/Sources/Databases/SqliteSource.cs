using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.Sources.Databases;

/// <summary>
/// Loads interactions from a SQLite database file with a SQL query (Microsoft.Data.Sqlite). The file is
/// opened read-only, the connection refuses changes, and SQLite's authorizer allows nothing but reading
/// (no ATTACH, no VACUUM INTO, no PRAGMA that sets), so a query that would write anywhere fails and
/// leaves every file as it was.
/// </summary>
public static class SqliteSource
{
    // sqlite3 authorizer action codes that only read: SQLITE_PRAGMA (reading forms only), SQLITE_READ,
    // SQLITE_SELECT, SQLITE_FUNCTION, SQLITE_RECURSIVE.
    private const int Pragma = 19;
    private const int ReadColumn = 20;
    private const int Select = 21;
    private const int Function = 31;
    private const int Recursive = 33;
    private static readonly string[] DescribingPragmas = ["table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list"];
    private static readonly SQLitePCL.strdelegate_authorizer OnlyReading = (_, action, name, argument, _, _) =>
        action is ReadColumn or Select or Function or Recursive
        || (action == Pragma && (argument is null || DescribingPragmas.Contains(name, StringComparer.OrdinalIgnoreCase)))
            ? 0 /* SQLITE_OK */
            : 1 /* SQLITE_DENY */;

    /// <summary>Runs <paramref name="query"/> on the database at <paramref name="path"/> and loads its rows.</summary>
    /// <param name="path">The database file; it must exist.</param>
    /// <param name="query">A query whose columns the mapping names (or that <see cref="ColumnMapping.Detect"/> recognises).</param>
    /// <param name="options">Column mapping and row policies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The interactions and the load report; bad rows are named by their 1-based row number in the result.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file cannot be opened as a database, or the query fails or would write.</exception>
    public static async Task<LoadResult> LoadAsync(string path, string query, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("A database source needs a SQL query (--query), e.g. --query \"SELECT user_id, item_id, rating FROM ratings\".");
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A SQLite source needs the database file after 'sqlite:', e.g. sqlite:events.db.");
        }

        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{FieldText.PrintablePath(path)}' is a folder, not a SQLite database file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SQLite database '{FieldText.PrintablePath(path)}' does not exist.", path);
        }

        InputFile.RequireReadable(path);
        string name = FieldText.PrintablePath(Path.GetFileName(path));
        var clock = Stopwatch.StartNew();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var guard = connection.CreateCommand();
                await using (guard.ConfigureAwait(false))
                {
                    // Read-only opening already refuses writes to this file; query_only refuses them everywhere (attached files too).
                    guard.CommandText = "PRAGMA query_only = ON";
                    await guard.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                SQLitePCL.raw.sqlite3_set_authorizer(connection.Handle, OnlyReading, null);

                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = query;
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        var result = await DbReaderSource.LoadAsync($"sqlite:{name}", reader, options ?? new LoadOptions(), clock, cancellationToken).ConfigureAwait(false);

                        // A second statement would otherwise be left unread without a word (one that writes is
                        // refused here by the authorizer, and reported as a write).
                        if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidDataException($"The query on {name} holds more than one statement; give a single SELECT.");
                        }

                        return result;
                    }
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 8 or 23 || (e.SqliteErrorCode == 1 && e.Message.Contains("query_only", StringComparison.Ordinal)))
            {
                // SQLITE_READONLY, SQLITE_AUTH, or a write under query_only.
                throw new InvalidDataException($"The query on {name} must only read, and this one writes; nothing was changed.", e);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 26)
            {
                // SQLITE_NOTADB
                throw new InvalidDataException($"{name} is not a SQLite database (or it is damaged).", e);
            }
            catch (SqliteException e)
            {
                throw new InvalidDataException($"The query on {name} failed: {Reason(e)}", e);
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

    /// <summary>SQLite's own message, without the provider's "SQLite Error N:" prefix.</summary>
    private static string Reason(SqliteException e)
    {
        string message = e.Message.ReplaceLineEndings(" ").Trim();
        int colon = message.StartsWith("SQLite Error", StringComparison.Ordinal) ? message.IndexOf(':', StringComparison.Ordinal) : -1;
        return colon > 0 ? message[(colon + 1)..].Trim().TrimEnd('.').Trim('\'') : message;
    }
}
