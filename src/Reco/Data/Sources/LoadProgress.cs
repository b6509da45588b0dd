namespace Reco.Data.Sources;

/// <summary>How far a load has got, reported now and then through <see cref="LoadOptions.Progress"/>.</summary>
/// <param name="Source">The source, as the load report names it.</param>
/// <param name="Rows">Rows read so far.</param>
/// <param name="Bytes">Bytes of the source read so far, when the source is a file; else 0.</param>
/// <param name="TotalBytes">The size of the source in bytes, when known.</param>
/// <param name="TotalRows">The number of rows, when the source knows it up front (Parquet).</param>
/// <param name="Elapsed">Time since the load started.</param>
public sealed record LoadProgress(string Source, long Rows, long Bytes, long? TotalBytes, long? TotalRows, TimeSpan Elapsed)
{
    /// <summary>The share done, from 0 to 1, when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1, (double)Bytes / TotalBytes.Value)
        : TotalRows is > 0 ? Math.Min(1, (double)Rows / TotalRows.Value)
        : null;

    /// <summary>Rows per second so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, when the total is known.</summary>
    public TimeSpan? Remaining => Fraction is double f and > 0 ? Elapsed * ((1 - f) / f) : null;
}
