namespace Reco.Serialization;

/// <summary>How <see cref="ModelDirectory.Write"/> saves a model.</summary>
public sealed class ModelSaveOptions
{
    /// <summary>The defaults: keep 2 versions, wait up to 10 minutes for another save of the same folder.</summary>
    public static ModelSaveOptions Default { get; } = new();

    /// <summary>
    /// How many complete versions to keep, the new one included (at least 1). Older Reco versions are
    /// deleted; the current version and anything that is not a Reco version are never deleted.
    /// </summary>
    public int KeepVersions { get; init; } = 2;

    /// <summary>How long to wait while another save of the same folder runs (<see cref="Timeout.InfiniteTimeSpan"/> to wait for ever).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Called after each step with the path it concerns; tests throw from it to make a step fail or to stop the save as a kill would.</summary>
    internal Action<SaveStep, string>? OnStep { get; init; }
}
