namespace Reco.Training;

/// <summary>Hooks into <c>Fit</c>, like a Keras callback; every method does nothing unless overridden.</summary>
public abstract class TrainingCallback
{
    /// <summary>Called before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingPlan plan)
    {
    }

    /// <summary>Called after each batch with the running (epoch-so-far) logs.</summary>
    public virtual void OnBatchEnd(BatchLog log)
    {
    }

    /// <summary>Called after each epoch.</summary>
    public virtual void OnEpochEnd(EpochLog log)
    {
    }
}

/// <summary>What <c>Fit</c> is about to do.</summary>
/// <param name="Epochs">Number of epochs.</param>
/// <param name="StepsPerEpoch">Batches per epoch.</param>
/// <param name="Examples">Training pairs per epoch.</param>
public sealed record TrainingPlan(int Epochs, int StepsPerEpoch, int Examples);

/// <summary>Progress within an epoch.</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Step">Batches done in this epoch (1-based).</param>
/// <param name="StepsPerEpoch">Batches per epoch.</param>
/// <param name="Examples">Examples done in this epoch.</param>
/// <param name="Logs">Running mean loss and metrics of the epoch so far.</param>
public sealed record BatchLog(int Epoch, int Step, int StepsPerEpoch, int Examples, IReadOnlyDictionary<string, double> Logs);

/// <summary>The result of one epoch.</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Logs">Mean batch loss (<c>loss</c>) and the metrics accumulated over the epoch.</param>
/// <param name="Seconds">Wall-clock time of the epoch.</param>
public sealed record EpochLog(int Epoch, IReadOnlyDictionary<string, double> Logs, double Seconds);
