namespace Reco.IO;

/// <summary>
/// Thrown by test hooks to stop a write as a kill would: the writer's clean-up code lets it pass, so
/// whatever the write had made so far stays on disk, as after a crash.
/// </summary>
internal sealed class SimulatedCrashException(string step) : Exception($"Simulated crash at {step}.");
