namespace Reco.Tests.Server;

/// <summary>
/// The tests that start servers run one at a time: the metrics exporter listens to every meter of the
/// server's name in the process, so servers of tests running side by side would count in each other's
/// <c>/metrics</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection
{
    public const string Name = "Servers";
}
