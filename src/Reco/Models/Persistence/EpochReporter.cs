using System.Diagnostics;
using Reco.Training;

namespace Reco.Models.Persistence;

/// <summary>Reports the epochs of an iterative model to its callbacks.</summary>
internal sealed class EpochReporter
{
    private readonly TrainingCallback[] _callbacks;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public EpochReporter(IEnumerable<TrainingCallback>? callbacks, int epochs, int examples)
    {
        _callbacks = callbacks?.ToArray() ?? [];
        foreach (var c in _callbacks)
        {
            c.OnTrainBegin(new TrainingPlan(epochs, 1, examples));
        }
    }

    /// <summary>Whether anyone listens (so a loss that costs extra work can be skipped).</summary>
    public bool Active => _callbacks.Length > 0;

    public void EpochEnd(int epoch, double loss)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        _clock.Restart();
        if (_callbacks.Length == 0)
        {
            return;
        }

        var logs = new Dictionary<string, double> { ["loss"] = loss };
        foreach (var c in _callbacks)
        {
            c.OnEpochEnd(new EpochLog(epoch, logs, seconds));
        }
    }
}
