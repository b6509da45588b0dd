using System.Diagnostics;
using System.Globalization;
using Reco.Data.Sources;
using Reco.Training;

namespace Reco.Bench.Scale;

/// <summary>Epoch times of a fit, and a line on standard error every few seconds with the rate and the time left.</summary>
internal sealed class ProgressLines : TrainingCallback
{
    private readonly Stopwatch _clock = new();
    private TimeSpan _next;
    private int _epochs;

    /// <summary>Seconds of each finished epoch.</summary>
    public List<double> EpochSeconds { get; } = [];

    public override void OnTrainBegin(TrainingPlan plan)
    {
        _epochs = plan.Epochs;
        _clock.Restart();
        _next = TimeSpan.FromSeconds(2);
    }

    public override void OnBatchEnd(BatchLog log)
    {
        var now = _clock.Elapsed;
        if (now < _next || log.Step >= log.StepsPerEpoch)
        {
            return;
        }

        _next = now + TimeSpan.FromSeconds(2);
        double done = ((double)log.Epoch * log.StepsPerEpoch) + log.Step;
        double total = (double)_epochs * log.StepsPerEpoch;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {log.Epoch + 1}/{_epochs} step {log.Step}/{log.StepsPerEpoch}: {done / now.TotalSeconds:F1} steps/s, about {now.TotalSeconds / done * (total - done):F0} s left"));
    }

    public override void OnEpochEnd(EpochLog log)
    {
        EpochSeconds.Add(log.Seconds);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {log.Epoch + 1}/{_epochs}: {log.Seconds:F2} s  {string.Join("  ", log.Logs.Select(kv => $"{kv.Key} {kv.Value:G5}"))}"));
    }
}

/// <summary>A line on standard error every few seconds of a counted task: done, rate, time left.</summary>
internal sealed class RateLines(string what, long total, string unit)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next = TimeSpan.FromSeconds(2);

    public void Done(long done, long? outOf = null)
    {
        total = outOf ?? total;
        var now = _clock.Elapsed;
        if (now < _next && done < total)
        {
            return;
        }

        _next = now + TimeSpan.FromSeconds(2);
        double rate = done / Math.Max(now.TotalSeconds, 1e-9);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done:N0}/{total:N0} {unit}, {rate:N0} {unit}/s, about {(total - done) / Math.Max(rate, 1e-9):F0} s left"));
    }
}

/// <summary>The load's progress reports as lines on standard error.</summary>
internal sealed class LoadLines : IProgress<LoadProgress>
{
    public void Report(LoadProgress value)
    {
        string left = value.Remaining is TimeSpan r ? string.Create(CultureInfo.InvariantCulture, $", about {r.TotalSeconds:F1} s left") : "";
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  loading: {value.Rows:N0} rows, {value.RowsPerSecond:N0} rows/s{left}"));
    }
}
