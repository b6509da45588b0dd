namespace Reco.Training;

/// <summary>What <c>Fit</c> returns, like Keras's <c>History</c>: the logs of every epoch.</summary>
public sealed class History
{
    private readonly List<EpochLog> _epochs = [];

    /// <summary>One entry per epoch, in order.</summary>
    public IReadOnlyList<EpochLog> Epochs => _epochs;

    /// <summary>Wall-clock time of the whole fit, in seconds.</summary>
    public double Seconds { get; internal set; }

    /// <summary>The values of one log key across epochs (for example <c>loss</c>).</summary>
    public IReadOnlyList<double> this[string key] => [.. _epochs.Select(e => e.Logs.TryGetValue(key, out var v) ? v : double.NaN)];

    internal void Add(EpochLog log) => _epochs.Add(log);
}
