using System.ComponentModel.DataAnnotations;

namespace Reco.Server;

/// <summary>Settings of the recommendation server (<c>reco serve</c>), bound as options and checked when the server starts.</summary>
public sealed class RecoServerOptions
{
    /// <summary>The model base folder: numbered versions (<c>DIR/1</c>, <c>DIR/2</c>, …) as <c>--save</c> writes them.</summary>
    [Required]
    public string ModelDirectory { get; set; } = "";

    /// <summary>The address to listen on: an IP address or <c>localhost</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port to listen on (0 picks a free one).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The vector index of models with vectors: <c>exact</c>, <c>hnsw</c>, <c>ivf</c> or <c>auto</c>.</summary>
    public string Index { get; set; } = "auto";

    /// <summary>The largest <c>k</c> a request may ask for.</summary>
    [Range(1, 10_000)]
    public int MaxK { get; set; } = 100;

    /// <summary>The largest request body accepted, in bytes (larger ones get 413).</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most item ids a request may list (a history, exclusions or candidates).</summary>
    [Range(1, 100_000)]
    public int MaxListedItems { get; set; } = 1_000;

    /// <summary>How often the model folder is checked for a new version, besides the file-system watcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The key that <c>POST /admin/reload</c> requires, or null to refuse reloads over HTTP.</summary>
    public string? ApiKey { get; set; }
}
