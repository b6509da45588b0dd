using Reco.Models;
using Reco.Serving;

namespace Reco.Server.Hosting;

/// <summary>
/// One loaded, verified model version. Requests hold a lease on it for their whole duration; the host holds
/// one more until the version is replaced. The service (and its index, which may hold native memory) is
/// disposed only when the last holder lets go, so a request never sees its model disappear under it.
/// </summary>
public sealed class ServedModel
{
    private int _holders = 1;

    internal ServedModel(RecommendationService service, int version, string directory, DateTimeOffset loadedAt)
    {
        Service = service;
        Version = version;
        Directory = directory;
        LoadedAt = loadedAt;
        IndexName = service.IndexKind?.ToString().ToLowerInvariant() ?? "none";
        var model = service.Model;
        Capabilities = [
            .. model is IVectorModel ? ["vectors"] : Array.Empty<string>(),
            .. model is ISimilarItems ? ["similar"] : Array.Empty<string>(),
            .. model is IExplainable ? ["explain"] : Array.Empty<string>(),
            .. model is IFoldIn ? ["fold-in"] : Array.Empty<string>(),
        ];
    }

    /// <summary>What the model can do beyond top-k: <c>vectors</c> (a vector index, diversity), <c>similar</c>, <c>explain</c>, <c>fold-in</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; }

    /// <summary>The service answering from this version.</summary>
    public RecommendationService Service { get; }

    /// <summary>The version number (0 for a model folder in the earlier flat layout).</summary>
    public int Version { get; }

    /// <summary>The folder it was loaded from.</summary>
    public string Directory { get; }

    /// <summary>The SHA-256 of its manifest when it was loaded: tells a version saved anew under the same number from this one.</summary>
    public string? Identity { get; internal set; }

    /// <summary>When it was loaded.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The model's algorithm name.</summary>
    public string ModelName => Service.Model.Name;

    /// <summary>The index kind (<c>exact</c>, <c>ivf</c>, <c>hnsw</c>) or <c>none</c> for models scored item by item.</summary>
    public string IndexName { get; }

    /// <summary>Takes a lease unless the version is already released; false means: read the current version again.</summary>
    internal bool TryAcquire()
    {
        int holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            int seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
            {
                return true;
            }

            holders = seen;
        }

        return false;
    }

    /// <summary>Gives a lease (or the host's own hold) back; the last one disposes the service.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            Service.Dispose();
        }
    }
}
