namespace Reco.Tests.Server;

/// <summary>
/// The tests that start servers run one at a time: OpenTelemetry subscribes to meters by name across the
/// process, so two servers running at once would each count the other's model loads in their /metrics.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "servers";
}
