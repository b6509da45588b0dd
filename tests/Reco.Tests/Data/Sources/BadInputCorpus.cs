using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Parquet;
using Parquet.Schema;
using Reco.Data.Sources;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources;

/// <summary>How one corpus entry is loaded: the source, the same settings as a spec and as command-line options.</summary>
/// <param name="Source">What <c>--data</c> names.</param>
/// <param name="Spec">Makes the library's spec for it (which may itself refuse a bad option).</param>
/// <param name="Arguments">The command-line options after <c>--data SOURCE</c>.</param>
/// <param name="StandardInput">Bytes to give as standard input, for <c>-</c>.</param>
internal sealed record CorpusInput(string Source, Func<DataSpec> Spec, string[] Arguments, byte[]? StandardInput = null);

/// <summary>A bad input: a name, how to make it in a folder, and the one-line error it must give (<c>{dir}</c> stands for the folder).</summary>
internal sealed record BadInput(string Name, Func<string, Task<CorpusInput>> Make, string Expected);

/// <summary>
/// Bad inputs for data loading, each with its expected one-line error: CSV and TSV quirks, encodings,
/// compressed and binary files, Parquet with wrong types and nulls, SQLite, MovieLens folders with
/// broken files, dataset specs with wrong value kinds or unknown keys, bad options.
/// </summary>
internal static class BadInputCorpus
{
    private const string Quote = "a quoted field starts here and is never closed (a field that begins with a quote must end with one)";

    public static IReadOnlyList<BadInput> All { get; } =
    [
        // Delimited text: structure.
        Text("unclosed-quote", "user,item,rating\n1,2,3\n1,\"3,4\n2,4,5\n", $"bad.csv line 3: {Quote}"),
        Text("unclosed-quote-in-header", "user,\"item,rating\n1,2,3\n", $"bad.csv line 1: {Quote}"),
        Text("unclosed-quote-after-a-closed-one", "user,item,rating,note\n1,2,3,\"a\nb\"\n1,2,3,\"never\n2,3,4,x\n", $"bad.csv line 4: {Quote}"),
        Text("too-many-fields", "user,item,rating\n1,2,3\n1,2,3,4\n", "bad.csv line 3: 4 fields, but the header has 3 (a field holding ',' must be quoted)"),
        Text("unquoted-delimiter-in-title", "user,item,rating,title\n1,2,3,\"Net, The\"\n1,3,4,Net, The\n", "bad.csv line 3: 5 fields, but the header has 4 (a field holding ',' must be quoted)"),
        Text("too-few-fields", "user,item,rating\n1,2\n", "bad.csv line 2: expected at least 3 fields separated by ',', found 2"),
        Text("too-many-fields-without-header", "1\t2\t3\n1\t2\t3\t4\n", "bad.tsv line 2: 4 fields, but the first line has 3 (a field holding '\\t' must be quoted)", "bad.tsv", "--no-header"),
        Text("double-colon-too-few", "1::2::3::4\n1::2\n", "bad.dat line 2: expected at least 4 fields separated by '::', found 2", "bad.dat"),
        Text("carriage-returns-alone", "user,item,rating\r1,2,3\r2,3,4\r", "bad.csv ends its lines with carriage returns alone (classic Mac OS); convert them to line feeds."),
        Text("line-too-long", "user,item,rating," + new string('x', (1 << 20) + 10), "bad.csv line 1: the line is longer than 1,048,576 bytes"),
        Text("too-many-columns", string.Join(",", Enumerable.Range(0, 4097).Select(i => $"c{i}")) + "\n", "bad.csv line 1: 4,097 fields; at most 4,096 columns are supported"),

        // Delimited text: values.
        Text("rating-not-a-number", "user,item,rating\n1,2,abc\n", "bad.csv line 2, column 'rating': 'abc' is not a finite number"),
        Text("rating-nan", "user,item,rating\n1,2,NaN\n", "bad.csv line 2, column 'rating': 'NaN' is not a finite number"),
        Text("rating-beyond-float", "user,item,rating\n1,2,1e39\n", "bad.csv line 2, column 'rating': '1e39' is too large for a rating: not a finite number in single precision (beyond ±3.4e38)"),
        Text("rating-empty", "user,item,rating\n1,2,\n", "bad.csv line 2, column 'rating': the rating is empty"),
        Text("user-empty", "user,item,rating\n,2,3\n", "bad.csv line 2, column 'user': the id is empty"),
        Text("item-quoted-empty", "user,item,rating\n1,\"\",3\n", "bad.csv line 2, column 'item': the id is empty"),
        Text("nul-in-id", "user,item,rating\nu\0x,2,3\n", "bad.csv line 2, column 'user': the id contains a NUL character (character 2); ids must be printable text"),
        Text("line-break-in-quoted-id", "user,item,rating\n1,\"a\nb\",3\n", "bad.csv line 2, column 'item': the id contains a line break (character 2); ids must be printable text"),
        Text("tab-inside-id", "user,item,rating\na\tb,2,3\n", "bad.csv line 2, column 'user': the id contains a tab (character 2); ids must be printable text"),
        Text("escape-in-id", "user,item,rating\n1,x\u001b[31m,3\n", "bad.csv line 2, column 'item': the id contains the control character U+001B (character 2); ids must be printable text"),
        Bytes("invalid-utf8-id", [.. "user,item\n1,Se"u8, 0xF1, .. "or\n"u8], "bad.csv line 2, column 'item': 'Señor' is not valid utf-8 text (pass the file's encoding, e.g. --encoding latin1)"),
        Text("time-in-milliseconds", "user,item,time\n1,2,1600000000000\n", "bad.csv line 2, column 'time': '1600000000000' is after the year 5000 as Unix seconds; it looks like milliseconds: pass --time-unit ms"),
        Text("time-in-nanoseconds-read-as-ms", "user,item,time\n1,2,1600000000000000000\n", "bad.csv line 2, column 'time': '1600000000000000000' is after the year 5000 as Unix milliseconds; it looks like nanoseconds: pass --time-unit ns", "bad.csv", "--time-unit", "ms"),
        Text("time-negative", "user,item,time\n1,2,-5\n", "bad.csv line 2, column 'time': '-5' is before 1970, the start of Unix time (times are seconds since 1970-01-01 UTC)"),
        Text("time-minus-zero", "user,item,time\n1,2,-0\n", "bad.csv line 2, column 'time': '-0' is neither Unix seconds nor an ISO-8601 time"),
        Text("time-negative-ms", "user,item,time\n1,2,-5000\n", "bad.csv line 2, column 'time': '-5000' is before 1970, the start of Unix time (times are milliseconds since 1970-01-01 UTC)", "bad.csv", "--time-unit", "ms"),
        Text("time-before-1970-iso", "user,item,time\n1,2,1960-01-01\n", "bad.csv line 2, column 'time': '1960-01-01' is before 1970, the start of Unix time"),
        Text("time-far-future-iso", "user,item,time\n1,2,9999-01-01\n", "bad.csv line 2, column 'time': '9999-01-01' is after the year 5000"),
        Text("time-garbage", "user,item,time\n1,2,yesterday\n", "bad.csv line 2, column 'time': 'yesterday' is neither Unix seconds nor an ISO-8601 time"),
        Text("time-empty", "user,item,time\n1,2, \n", "bad.csv line 2, column 'time': the time is empty"),

        // Delimited text: whole files.
        Text("empty-file", "", "bad.csv gives no interactions: it is empty."),
        Text("blank-lines-only", "\n \n\t\r\n", "bad.csv gives no interactions: it is empty."),
        Text("header-only", "user,item,rating\n\n", "bad.csv gives no interactions: it has no data rows."),
        Text("every-row-bad-skipped", "user,item,rating\n1,2,x\n1,3,y\n", "bad.csv gives no interactions: all 2 rows were left out (2 malformed, 0 below the minimum rating).", "bad.csv", "--skip-bad-rows"),
        Bytes("utf16-with-bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("user,item\n1,2\n")], "bad.csv line 1: the file is UTF-16 encoded; save it as UTF-8 (or latin1)"),
        Bytes("utf16-without-bom", Encoding.Unicode.GetBytes("user,item\n1,2\n3,4\n"), "bad.csv is not text: a quarter of its first bytes are NUL (UTF-16 without a byte-order mark, or binary data); save it as UTF-8."),
        Bytes("zip-named-csv", [.. "PK\u0003\u0004"u8, 20, 0, 0, 0], "bad.csv is a zip archive; unpack it first (gzip files are read as they are)."),
        Bytes("bzip2-named-csv", [.. "BZh91AY&SY"u8], "bad.csv is bzip2-compressed; unpack it first (gzip files are read as they are)."),
        Bytes("parquet-named-csv", [.. "PAR1"u8, 0, 0, 0, 0, .. "PAR1"u8], "bad.csv is a Parquet file, not delimited text; name it .parquet or pass --format parquet."),
        Bytes("sqlite-named-csv", [.. "SQLite format 3\0"u8, 0, 0], "bad.csv is a SQLite database, not delimited text; load it as sqlite:PATH with --query."),
        Bytes("corrupt-gzip", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0], "bad.csv.gz is not a readable gzip file: it is damaged or cut short.", "bad.csv.gz"),
        Bytes("truncated-gzip", TruncatedGzip(), "bad.csv.gz is not a readable gzip file: it is cut short (or made of several gzip members; unpack it with gunzip first).", "bad.csv.gz"),
        Bytes("gzip-of-bad-rows", Gzip(Encoding.UTF8.GetBytes("user,item,rating\n1,2,3\n1,2,bad\n")), "bad.csv.gz line 3, column 'rating': 'bad' is not a finite number", "bad.csv.gz"),
        new("stdin-bad-row", _ => Task.FromResult(new CorpusInput("-", () => new DataSpec { Source = "-" }, [], Encoding.UTF8.GetBytes("user,item,rating\n1,2,3\n1,\"2\n"))), $"standard input line 3: {Quote}"),
        new("stdin-binary", _ => Task.FromResult(new CorpusInput("-", () => new DataSpec { Source = "-" }, [], [1, 2, 0, 3, 0, 0, 0])), "standard input holds binary data (a NUL byte at offset 2), not delimited text."),
        new("stdin-empty", _ => Task.FromResult(new CorpusInput("-", () => new DataSpec { Source = "-" }, [], [])), "standard input gives no interactions: it is empty."),

        // Delimited text: columns and options.
        Text("columns-not-detected", "who,what\n1,2\n", "bad.csv: cannot tell which columns hold users and items (columns: who, what); name them with --user-col and --item-col."),
        Text("user-column-missing", "user,item\n1,2\n", "bad.csv has no column 'visitor' for the user id; its columns are: user, item.", "bad.csv", "--user-col", "visitor", "--item-col", "item"),
        Text("header-name-with-line-break", "\"us\ner\",x\n1,2\n", "bad.csv: cannot tell which columns hold users and items (columns: us\\ner, x); name them with --user-col and --item-col."),
        Text("explicit-without-rating", "user,item\n1,2\n", "bad.csv: explicit feedback needs a rating column; name one with --rating-col, or load it as implicit feedback.", "bad.csv", "--feedback", "explicit"),
        Text("delimiter-quote", "user,item\n1,2\n", "'\"' cannot separate fields: use one or more characters other than a quote or a line break.", "bad.csv", "--delimiter", "\""),
        Text("unknown-encoding", "user,item\n1,2\n", "Unknown encoding 'ebcdic'; supported: utf-8, latin1.", "bad.csv", "--encoding", "ebcdic"),
        Text("unknown-format", "user,item\n1,2\n", "Unknown format 'xls'; expected csv, tsv, parquet, sqlite, postgres or movielens.", "bad.csv", "--format", "xls"),
        Text("unknown-time-unit", "user,item,time\n1,2,3\n", "Unknown time unit 'hours'; expected s, ms, us or ns.", "bad.csv", "--time-unit", "hours"),
        Text("unknown-duplicates", "user,item\n1,2\n", "Unknown duplicate policy 'first'; expected keep-last, sum, mean or keep-all.", "bad.csv", "--duplicates", "first"),
        Text("unknown-feedback", "user,item\n1,2\n", "Unknown feedback 'maybe'; expected explicit or implicit.", "bad.csv", "--feedback", "maybe"),
        Text("unknown-extension", "user,item\n1,2\n", "Cannot tell the format of '{dir}/bad.bin' from its name; pass --format csv|tsv|parquet|sqlite|postgres|movielens.", "bad.bin"),
        Path("missing-file", "bad.csv", _ => { }, "The data file '{dir}/bad.csv' does not exist."),
        Path("missing-path", "nothing", _ => { }, "'{dir}/nothing' does not exist: it is neither a file, a folder nor a data set name (reco datasets list)."),
        Path("folder-as-csv", "folder.csv", p => Directory.CreateDirectory(p), "'{dir}/folder.csv' is a folder, not a data file.", "--format", "csv"),
        Path("csv-as-movielens", "bad.csv", p => File.WriteAllText(p, "user,item\n1,2\n"), "'{dir}/bad.csv' is a file; a MovieLens source is the folder of a release (with u.data, ratings.dat or ratings.csv).", "--format", "movielens"),

        // Parquet.
        Parquet("parquet-real-number-ids", [new DataField<double>("user"), new DataField<int>("item")], [new double[] { 1.5 }, new[] { 2 }], "bad.parquet: the user id column 'user' holds real numbers; ids must be whole numbers or text."),
        Parquet("parquet-text-ratings", [new DataField<int>("user"), new DataField<int>("item"), new DataField<string>("rating")], [new[] { 1 }, new[] { 2 }, new[] { "five" }], "bad.parquet: the rating column 'rating' holds text, not numbers."),
        Parquet("parquet-boolean-times", [new DataField<int>("user"), new DataField<int>("item"), new DataField<bool>("time")], [new[] { 1 }, new[] { 2 }, new[] { true }], "bad.parquet: the time column 'time' holds true/false values; use Unix seconds (or --time-unit), a timestamp or ISO-8601 text."),
        Parquet("parquet-null-id", [new DataField<int?>("user"), new DataField<int>("item")], [new int?[] { 1, null }, new[] { 2, 3 }], "bad.parquet row 2, column 'user': the id is null"),
        Parquet("parquet-empty-text-id", [new DataField<string>("user"), new DataField<int>("item")], [new[] { "a", " " }, new[] { 2, 3 }], "bad.parquet row 2, column 'user': the id is empty"),
        Parquet("parquet-nul-in-id", [new DataField<string>("user"), new DataField<int>("item")], [new[] { "a\0b" }, new[] { 2 }], "bad.parquet row 1, column 'user': the id contains a NUL character (character 2); ids must be printable text"),
        Parquet("parquet-rating-beyond-float", [new DataField<int>("user"), new DataField<int>("item"), new DataField<double>("rating")], [new[] { 1 }, new[] { 2 }, new[] { 1e39 }], "bad.parquet row 1, column 'rating': '1E+39' is too large for a rating: not a finite number in single precision (beyond ±3.4e38)"),
        Parquet("parquet-infinite-float-rating", [new DataField<int>("user"), new DataField<int>("item"), new DataField<float>("rating")], [new[] { 1 }, new[] { 2 }, new[] { float.PositiveInfinity }], "bad.parquet row 1, column 'rating': 'Infinity' is not a finite number"),
        Parquet("parquet-times-in-ms", [new DataField<int>("user"), new DataField<int>("item"), new DataField<long>("timestamp")], [new[] { 1 }, new[] { 2 }, new[] { 1_600_000_000_000L }], "bad.parquet row 1, column 'timestamp': '1600000000000' is after the year 5000 as Unix seconds; it looks like milliseconds: pass --time-unit ms"),
        Parquet("parquet-missing-column", [new DataField<int>("user"), new DataField<int>("item")], [new[] { 1 }, new[] { 2 }], "bad.parquet has no column 'score' for the rating; its columns are: user, item.", "--user-col", "user", "--item-col", "item", "--rating-col", "score"),
        Parquet("parquet-no-id-columns", [new DataField<int>("visitor"), new DataField<int>("sku")], [new[] { 1 }, new[] { 2 }], "bad.parquet: cannot tell which columns hold users and items (columns: visitor, sku); name them with --user-col and --item-col."),
        Path("parquet-truncated", "bad.parquet", p => File.WriteAllBytes(p, [.. "PAR1"u8, 1, 2, 3, 4, 5, 6, 7]), "bad.parquet is not a readable Parquet file: it is damaged, cut short or not Parquet at all."),
        Path("parquet-empty", "bad.parquet", p => File.WriteAllBytes(p, []), "bad.parquet is empty, not a Parquet file."),
        Path("parquet-is-text", "bad.parquet", p => File.WriteAllText(p, "user,item\n1,2\n"), "bad.parquet is not a readable Parquet file: it is damaged, cut short or not Parquet at all."),

        // SQLite.
        Sqlite("sqlite-write-query", "CREATE TABLE r (user TEXT, item TEXT); INSERT INTO r VALUES ('a', 'b')", "DELETE FROM r RETURNING user, item", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-create-table", "CREATE TABLE r (user TEXT, item TEXT)", "CREATE TABLE t (x)", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-attach-new-file", "CREATE TABLE r (user TEXT, item TEXT)", "ATTACH '{dir}/new.db' AS x", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-vacuum-into", "CREATE TABLE r (user TEXT, item TEXT); INSERT INTO r VALUES ('a', 'b')", "VACUUM INTO '{dir}/copy.db'", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-pragma-setting", "CREATE TABLE r (user TEXT, item TEXT)", "PRAGMA user_version = 7", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-query-only-off-then-delete", "CREATE TABLE r (user TEXT, item TEXT); INSERT INTO r VALUES ('a', 'b')", "PRAGMA query_only = OFF; DELETE FROM r", "The query on bad.db must only read, and this one writes; nothing was changed."),
        Sqlite("sqlite-missing-table", "CREATE TABLE r (user TEXT, item TEXT)", "SELECT * FROM missing", "The query on bad.db failed: no such table: missing"),
        Sqlite("sqlite-blob-id", "CREATE TABLE r (user BLOB, item TEXT); INSERT INTO r VALUES (x'0102', 'b')", "SELECT * FROM r", "sqlite:bad.db row 1, column 'user': the id of 2 bytes (binary data) is neither a whole number nor text"),
        Sqlite("sqlite-control-character-id", "CREATE TABLE r (user TEXT, item TEXT); INSERT INTO r VALUES ('a' || char(10) || 'b', 'c')", "SELECT * FROM r", "sqlite:bad.db row 1, column 'user': the id contains a line break (character 2); ids must be printable text"),
        Sqlite("sqlite-time-text", "CREATE TABLE r (user TEXT, item TEXT, time TEXT); INSERT INTO r VALUES ('a', 'b', 'soon')", "SELECT * FROM r", "sqlite:bad.db row 1, column 'time': 'soon' is neither Unix seconds nor an ISO-8601 time"),
        Sqlite("sqlite-time-in-ms", "CREATE TABLE r (user TEXT, item TEXT, time INTEGER); INSERT INTO r VALUES ('a', 'b', 1600000000000)", "SELECT * FROM r", "sqlite:bad.db row 1, column 'time': '1600000000000' is after the year 5000 as Unix seconds; it looks like milliseconds: pass --time-unit ms"),
        Sqlite("sqlite-rating-beyond-float", "CREATE TABLE r (user TEXT, item TEXT, rating REAL); INSERT INTO r VALUES ('a', 'b', 1e39)", "SELECT * FROM r", "sqlite:bad.db row 1, column 'rating': '1E+39' is too large for a rating: not a finite number in single precision (beyond ±3.4e38)"),
        Sqlite("sqlite-huge-integer-id", "CREATE TABLE r (user TEXT, item REAL); INSERT INTO r VALUES ('a', 1e30)", "SELECT * FROM r", "sqlite:bad.db row 1, column 'item': the id 1E+30 (a real number) is neither a whole number nor text"),
        Sqlite("sqlite-empty-result", "CREATE TABLE r (user TEXT, item TEXT)", "SELECT * FROM r", "sqlite:bad.db gives no interactions: it has no data rows."),
        Path("sqlite-not-a-database", "bad.db", p => File.WriteAllText(p, "user,item\n1,2\n" + new string('x', 200)), "bad.db is not a SQLite database (or it is damaged).", "--query", "SELECT * FROM r"),
        Path("sqlite-missing", "bad.db", _ => { }, "The SQLite database '{dir}/bad.db' does not exist.", "--query", "SELECT 1"),
        Path("sqlite-folder", "bad.db", p => Directory.CreateDirectory(p), "'{dir}/bad.db' is a folder, not a SQLite database file.", "--query", "SELECT 1"),
        Path("sqlite-without-query", "bad.db", p => File.WriteAllBytes(p, []), "A database source needs a SQL query (--query), e.g. --query \"SELECT user_id, item_id, rating FROM ratings\"."),

        // PostgreSQL without a server: the connection string never shows its password.
        Postgres("postgres-bad-port-with-password", "Host=127.0.0.1;Port=abc;Password=hunter22", "The PostgreSQL connection string is not valid: Couldn't set port"),
        Postgres("postgres-unknown-key-with-password", "Hostt=127.0.0.1;Password=hunter22", "The PostgreSQL connection string is not valid: Couldn't set hostt"),
        Postgres("postgres-refused-with-password", "Host=127.0.0.1;Port=1;Username=reco;Password=hunter22;Timeout=3", "postgres:127.0.0.1/: Failed to connect to 127.0.0.1:1 (Connection refused)"),
        Postgres("postgres-copy-to-a-file", "Host=127.0.0.1;Port=1;Password=hunter22", "postgres:127.0.0.1/: the query must be a SELECT (or WITH, VALUES, TABLE) statement, not 'COPY'.", "COPY ratings TO '/tmp/ratings.csv'"),
        Postgres("postgres-delete-after-comment", "Host=127.0.0.1;Port=1", "postgres:127.0.0.1/: the query must be a SELECT (or WITH, VALUES, TABLE) statement, not 'DELETE'.", "/* tidy */ -- up\n DELETE FROM ratings RETURNING user_id, item_id"),
        Postgres("postgres-empty-connection-string", "", "A PostgreSQL source needs a connection string, e.g. postgres:Host=127.0.0.1;Username=reco;Database=reco."),

        // MovieLens folders.
        Folder("movielens-empty-u-data", d => { Write(d, "u.data", ""); Write(d, "u.item", "1|A (1995)|01-Jan-1995||x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1\n"); }, "u.data gives no interactions: it is empty."),
        Folder("movielens-no-u-item", d => Write(d, "u.data", "1\t1\t5\t881250949\n"), "The MovieLens folder '{dir}/ml' has no u.item."),
        Folder("movielens-bad-rating-line", d => { Write(d, "ratings.dat", "1::1193::5::978300760\n1::661::x::978302109\n"); Write(d, "movies.dat", "661::A (1996)::Drama\n"); }, "ratings.dat line 2, column '3': 'x' is not a finite number"),
        Folder("movielens-bad-users-line", d => { Write(d, "ratings.dat", "1::1::5::978300760\n"); Write(d, "movies.dat", "1::A (1995)::Drama\n"); Write(d, "users.dat", "1::F\n"); }, "users.dat line 1: expected 5 fields separated by '::' (UserID::Gender::Age::Occupation::Zip-code)"),
        Folder("movielens-empty-ratings-csv", d => { Write(d, "ratings.csv", "userId,movieId,rating,timestamp\n"); Write(d, "movies.csv", "movieId,title,genres\n1,A (1995),Drama\n"); }, "ratings.csv gives no interactions: it has no data rows."),
        Folder("movielens-nothing", _ => { }, "'{dir}/ml' is not a MovieLens folder: it has no u.data, ratings.dat or ratings.csv."),
        Folder("movielens-time-unit", d => { Write(d, "ratings.dat", "1::1::5::978300760\n"); Write(d, "movies.dat", "1::A (1995)::Drama\n"); }, "MovieLens times are Unix seconds; leave out --time-unit.", "--time-unit", "ms"),

        // Dataset specs.
        Spec("spec-header-not-a-flag", """{ "source": "ok.csv", "header": "yes" }""", "bad.json: \"header\" must be true or false, not the text 'yes'."),
        Spec("spec-unknown-key", """{ "source": "ok.csv", "colums": {} }""", "bad.json: unknown key \"colums\"; the keys are source, format, query, delimiter, header, encoding, columns, timeUnit, feedback, minRating, duplicates, skipBadRows."),
        Spec("spec-unknown-column-key", """{ "source": "ok.csv", "columns": { "user": "user", "item": "item", "score": "rating" } }""", "bad.json: unknown key \"columns.score\"; the keys of \"columns\" are user, item, rating, time."),
        Spec("spec-columns-without-user", """{ "source": "ok.csv", "columns": { "item": "item" } }""", "bad.json: \"columns\" needs \"user\"."),
        Spec("spec-columns-not-an-object", """{ "source": "ok.csv", "columns": ["user", "item"] }""", "bad.json: \"columns\" must be an object such as { \"user\": \"user_id\", \"item\": \"item_id\" }, not a list."),
        Spec("spec-source-a-number", """{ "source": 5 }""", "bad.json: \"source\" must be text, not the number 5."),
        Spec("spec-no-source", """{ "format": "csv" }""", "bad.json has no \"source\"."),
        Spec("spec-a-list", """[1, 2]""", "bad.json must hold a JSON object such as { \"source\": \"ratings.csv\" }, not a list."),
        Spec("spec-invalid-json", """{ "source": "ok.csv", """, "bad.json is not valid JSON (line 1, column 23): Expected start of a property name or value, but instead reached end of data."),
        Spec("spec-empty", "", "bad.json is empty."),
        Spec("spec-min-rating-text", """{ "source": "ok.csv", "minRating": "four" }""", "bad.json: \"minRating\" must be a finite number, not the text 'four'."),
        Spec("spec-key-twice", """{ "source": "ok.csv", "Source": "other.csv" }""", "bad.json: the key \"source\" appears twice."),
        Spec("spec-unknown-format", """{ "source": "ok.csv", "format": "excel" }""", "bad.json: Unknown format 'excel'; expected csv, tsv, parquet, sqlite, postgres or movielens."),
        Spec("spec-unknown-time-unit", """{ "source": "ok.csv", "timeUnit": "minutes" }""", "bad.json: Unknown time unit 'minutes'; expected s, ms, us or ns."),
        Spec("spec-bad-delimiter", """{ "source": "ok.csv", "delimiter": "\n" }""", "bad.json: '\\n' cannot separate fields: use one or more characters other than a quote or a line break."),
        Spec("spec-missing-source-file", """{ "source": "missing.csv" }""", "The data file '{dir}/missing.csv' does not exist."),
    ];

    private static BadInput Text(string name, string content, string expected, string file = "bad.csv", params string[] arguments) =>
        Bytes(name, Encoding.UTF8.GetBytes(content), expected, file, arguments);

    private static BadInput Bytes(string name, byte[] content, string expected, string file = "bad.csv", params string[] arguments) =>
        Path(name, file, p => File.WriteAllBytes(p, content), expected, arguments);

    /// <summary>An entry whose source is a path in the folder, made by <paramref name="make"/>, loaded with command-line <paramref name="arguments"/>.</summary>
    private static BadInput Path(string name, string file, Action<string> make, string expected, params string[] arguments) =>
        new(name, folder =>
        {
            string path = System.IO.Path.Combine(folder, file);
            make(path);
            string source = file.EndsWith(".db", StringComparison.Ordinal) ? "sqlite:" + path : path;
            return Task.FromResult(new CorpusInput(source, () => SpecFor(source, arguments), arguments));
        }, expected);

    private static BadInput Parquet(string name, DataField[] fields, Array[] columns, string expected, params string[] arguments) =>
        new(name, async folder =>
        {
            string path = System.IO.Path.Combine(folder, "bad.parquet");
            await using (var stream = File.Create(path))
            await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
            {
                using var group = writer.CreateRowGroup();
                for (int c = 0; c < fields.Length; c++)
                {
                    var field = fields[c];
                    await (columns[c] switch
                    {
                        int[] values => group.WriteAsync<int>(field, values),
                        int?[] values => group.WriteAsync<int>(field, values),
                        long[] values => group.WriteAsync<long>(field, values),
                        double[] values => group.WriteAsync<double>(field, values),
                        float[] values => group.WriteAsync<float>(field, values),
                        bool[] values => group.WriteAsync<bool>(field, values),
                        string[] values => group.WriteAsync(field, values),
                        _ => throw new ArgumentException("Unsupported test column."),
                    });
                }
            }

            return new CorpusInput(path, () => SpecFor(path, arguments), arguments);
        }, expected);

    private static BadInput Sqlite(string name, string setup, string query, string expected) =>
        new(name, folder =>
        {
            string path = System.IO.Path.Combine(folder, "bad.db");
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = setup;
                command.ExecuteNonQuery();
            }

            string[] arguments = ["--query", query.Replace("{dir}", folder, StringComparison.Ordinal)];
            return Task.FromResult(new CorpusInput("sqlite:" + path, () => SpecFor("sqlite:" + path, arguments), arguments));
        }, expected);

    private static BadInput Postgres(string name, string connection, string expected, string query = "SELECT 1 AS user_id, 2 AS item_id") =>
        new(name, _ =>
        {
            string[] arguments = ["--query", query];
            return Task.FromResult(new CorpusInput("postgres:" + connection, () => SpecFor("postgres:" + connection, arguments), arguments));
        }, expected);

    private static BadInput Folder(string name, Action<string> make, string expected, params string[] arguments) =>
        new(name, folder =>
        {
            string path = System.IO.Path.Combine(folder, "ml");
            Directory.CreateDirectory(path);
            make(path);
            return Task.FromResult(new CorpusInput(path, () => SpecFor(path, arguments), arguments));
        }, expected);

    private static BadInput Spec(string name, string json, string expected) =>
        new(name, folder =>
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "ok.csv"), "user,item,rating\n1,2,3\n");
            string path = System.IO.Path.Combine(folder, "bad.json");
            File.WriteAllText(path, json);
            return Task.FromResult(new CorpusInput(path, () => DataSpecFile.Read(path), []));
        }, expected);

    private static void Write(string folder, string file, string content) => File.WriteAllText(System.IO.Path.Combine(folder, file), content);

    private static byte[] TruncatedGzip()
    {
        byte[] packed = Gzip(Encoding.UTF8.GetBytes("user,item,rating\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},{i % 17},3\n"))));
        return packed[..(packed.Length / 2)];
    }

    private static byte[] Gzip(byte[] content)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return packed.ToArray();
    }

    /// <summary>The library's spec for the command-line options the corpus uses (parsed the way the command line parses them).</summary>
    private static DataSpec SpecFor(string source, string[] arguments)
    {
        string? Value(string option) => Array.IndexOf(arguments, option) is int i and >= 0 ? arguments[i + 1] : null;
        var spec = new DataSpec { Source = source, Query = Value("--query") };
        string? user = Value("--user-col");
        return spec with
        {
            Format = Value("--format") is string format ? DataSpecFile.ParseFormat(format) : null,
            Text = Value("--delimiter") is not null || Value("--encoding") is not null || arguments.Contains("--no-header")
                ? (source.EndsWith(".tsv", StringComparison.Ordinal) ? TextFormat.Tsv : TextFormat.Csv) with
                {
                    Delimiter = Value("--delimiter") ?? (source.EndsWith(".tsv", StringComparison.Ordinal) ? "\t" : ","),
                    Encoding = Value("--encoding") is string encoding ? TextDecoding.Parse(encoding) : TextDecoding.Utf8Strict,
                    HasHeader = !arguments.Contains("--no-header"),
                }
                : null,
            Options = new LoadOptions
            {
                Columns = user is null ? null : new ColumnMapping(user, Value("--item-col")!, Value("--rating-col"), Value("--time-col")),
                Feedback = Value("--feedback") is string feedback ? DataSpecFile.ParseFeedback(feedback) : null,
                Duplicates = Value("--duplicates") is string duplicates ? DuplicatePolicyNames.Parse(duplicates) : null,
                TimeUnit = Value("--time-unit") is string unit ? TimeUnitNames.Parse(unit) : TimeUnit.Seconds,
                SkipBadRows = arguments.Contains("--skip-bad-rows"),
            },
        };
    }
}
