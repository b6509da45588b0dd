namespace Reco.Data.Sources;

/// <summary>The kinds of source <see cref="DataLoader"/> reads.</summary>
public enum DataFormat
{
    /// <summary>Comma-separated text.</summary>
    Csv,

    /// <summary>Tab-separated text.</summary>
    Tsv,

    /// <summary>A Parquet file.</summary>
    Parquet,

    /// <summary>A SQLite database file read with a query.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database read with a query.</summary>
    Postgres,

    /// <summary>An unpacked MovieLens folder of any release.</summary>
    MovieLens,
}
