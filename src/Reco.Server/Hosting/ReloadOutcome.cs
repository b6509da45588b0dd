namespace Reco.Server.Hosting;

/// <summary>What a check of the model folder did.</summary>
/// <param name="Version">The version served after the check, or null when none is.</param>
/// <param name="Changed">Whether the check switched to another version.</param>
/// <param name="Rejected">The version that failed to load or verify during this check, if any.</param>
/// <param name="Reason">Why it was rejected, or a note when nothing could be served.</param>
public sealed record ReloadOutcome(int? Version, bool Changed, int? Rejected, string? Reason);
