using System.Diagnostics;

namespace Reco.Training;

/// <summary>
/// Reports the epochs of an iterative model to its callbacks, and stops the fit with a
/// <see cref="TrainingDivergedException"/> when its loss or weights stop being finite numbers.
/// </summary>
internal sealed class EpochReporter
{
    private static readonly Dictionary<string, double> NoLogs = [];
    private readonly TrainingCallback[] _callbacks;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _steps;
    private readonly int _examples;

    /// <param name="callbacks">Who listens.</param>
    /// <param name="epochs">Epochs (sweeps, passes) of the fit.</param>
    /// <param name="examples">Training examples.</param>
    /// <param name="steps">Steps of each epoch reported through <see cref="Step"/> (phases of a one-shot fit such as a similarity matrix or a solve).</param>
    public EpochReporter(IEnumerable<TrainingCallback>? callbacks, int epochs, int examples, int steps = 1)
    {
        _callbacks = callbacks?.ToArray() ?? [];
        _steps = steps;
        _examples = examples;
        foreach (var c in _callbacks)
        {
            c.OnTrainBegin(new TrainingPlan(epochs, steps, examples));
        }
    }

    /// <summary>Step <paramref name="step"/> (1-based) of epoch <paramref name="epoch"/> is done.</summary>
    public void Step(int epoch, int step)
    {
        foreach (var c in _callbacks)
        {
            c.OnBatchEnd(new BatchLog(epoch, step, _steps, (int)((long)_examples * step / _steps), NoLogs));
        }
    }

    /// <summary>
    /// Examples per reported step of a per-example SGD epoch: about a hundred steps an epoch, at least 10,000
    /// examples each (so small data reports only its epochs).
    /// </summary>
    public static int StepLength(int examples) => Math.Max(10_000, (examples + 99) / 100);

    /// <summary>Steps of an epoch of <paramref name="examples"/> in steps of <paramref name="every"/>.</summary>
    public static int Steps(int examples, int every) => Math.Max(1, (examples + every - 1) / every);

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
