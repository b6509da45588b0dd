using System.Diagnostics;

namespace Reco.Data.Sources;

/// <summary>
/// Adds up the rows and bytes that a load's threads read and passes a <see cref="LoadProgress"/> to the
/// caller's sink at most once per interval, from whichever thread crosses it. Without a sink it only adds.
/// </summary>
internal sealed class ProgressMeter
{
    private static readonly long Interval = Stopwatch.Frequency / 2;
    private readonly IProgress<LoadProgress>? _sink;
    private readonly string _source;
    private readonly long? _totalBytes;
    private readonly long? _totalRows;
    private readonly Stopwatch _clock;
    private long _rows;
    private long _bytes;
    private long _next;

    public ProgressMeter(IProgress<LoadProgress>? sink, string source, Stopwatch clock, long? totalBytes = null, long? totalRows = null)
    {
        _sink = sink;
        _source = source;
        _clock = clock;
        _totalBytes = totalBytes;
        _totalRows = totalRows;
        _next = clock.ElapsedTicks + Interval;
    }

    public static ProgressMeter None { get; } = new(null, "", new Stopwatch());

    /// <summary>Counts more rows and bytes read; reports when the interval has passed.</summary>
    public void Add(long rows, long bytes)
    {
        if (_sink is null)
        {
            return;
        }

        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
        long now = _clock.ElapsedTicks;
        long next = Interlocked.Read(ref _next);
        if (now >= next && Interlocked.CompareExchange(ref _next, now + Interval, next) == next)
        {
            Report();
        }
    }

    /// <summary>Reports the final counts.</summary>
    public void Finish()
    {
        if (_sink is not null)
        {
            Report();
        }
    }

    private void Report() => _sink!.Report(new LoadProgress(_source, Interlocked.Read(ref _rows), Interlocked.Read(ref _bytes), _totalBytes, _totalRows, _clock.Elapsed));
}
