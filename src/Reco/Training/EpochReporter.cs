using System.Diagnostics;

namespace Reco.Training;

/// <summary>
/// Reports the epochs of an iterative model to its callbacks, and stops the fit with a
/// <see cref="TrainingDivergedException"/> when its loss or weights stop being finite numbers.
/// </summary>
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

    /// <summary>Ends epoch <paramref name="epoch"/> (0-based).</summary>
    /// <param name="epoch">The epoch.</param>
    /// <param name="loss">Its loss, or null when it was not computed.</param>
    /// <param name="hint">What to change when training diverges (for example a lower learning rate).</param>
    /// <param name="weights">The model's parameters, checked for NaN and infinity.</param>
    public void EpochEnd(int epoch, double? loss, string? hint = null, params float[][] weights)
    {
        Divergence.Check(epoch, loss ?? 0, hint, weights);
        double seconds = _clock.Elapsed.TotalSeconds;
        _clock.Restart();
        if (_callbacks.Length == 0)
        {
            return;
        }

        var logs = new Dictionary<string, double>();
        if (loss is { } value)
        {
            logs["loss"] = value;
        }

        foreach (var c in _callbacks)
        {
            c.OnEpochEnd(new EpochLog(epoch, logs, seconds));
        }
    }
}
