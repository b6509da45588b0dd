using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reco.Serialization;
using Reco.Server.Telemetry;
using Reco.Serving;

namespace Reco.Server.Hosting;

/// <summary>
/// Serves the newest complete version of a model base folder and follows it: a file-system watcher and a
/// periodic check notice a new version, which is loaded beside the current one (every file checked against
/// its SHA-256), given its vector index (the one saved in the version when it is of the requested kind and holds
/// the model's item vectors, else one built here; the server never writes into the model folder), verified
/// (<see cref="RecommendationService.Verify"/>), and switched in with one atomic
/// exchange. Requests that started on the previous version finish on it. A version that fails to load or
/// verify is rejected with one log line and the current one keeps serving; it is tried again only when its
/// files change or a reload is forced.
/// </summary>
public sealed partial class ModelHost : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly RecoServerOptions _options;
    private readonly ILogger<ModelHost> _log;
    private readonly ServerMetrics _metrics;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Dictionary<int, (string Stamp, string Reason)> _rejected = [];

    // The identity of every version seen on disk at the last check: a version number seen again with
    // another identity was deleted and saved anew, and counts as a new version.
    private Dictionary<int, string> _seen = [];
    private bool _reportedGone;
    private ServedModel? _current;

    /// <summary>Creates the host; nothing is loaded until <see cref="LoadInitialAsync"/> or the service starts.</summary>
    public ModelHost(IOptions<RecoServerOptions> options, ILogger<ModelHost> log, ServerMetrics metrics)
    {
        _options = options.Value;
        _log = log;
        _metrics = metrics;
        Directory = Path.GetFullPath(_options.ModelDirectory);
        metrics.Observe(this);
    }

    /// <summary>The model base folder.</summary>
    public string Directory { get; }

    /// <summary>The version being served, or null before the first one loads.</summary>
    public ServedModel? Current => Volatile.Read(ref _current);

    /// <summary>
    /// A lease on the current version for one request, or null when none is loaded. Dispose it when the
    /// request is answered.
    /// </summary>
    public ModelLease? Acquire()
    {
        while (Volatile.Read(ref _current) is { } model)
        {
            if (model.TryAcquire())
            {
                return new ModelLease(model);
            }
        }

        return null;
    }

    /// <summary>
    /// Loads the newest version that loads and verifies, newest first, so that the server starts with a
    /// model when any version is good.
    /// </summary>
    public Task<ReloadOutcome> LoadInitialAsync(CancellationToken cancellationToken = default) => CheckAsync(forced: false, cancellationToken);

    /// <summary>
    /// Checks the folder now: when its newest complete version is not the one served, loads, verifies and
    /// switches to it. <paramref name="forced"/> retries a version rejected before even if its files are unchanged.
    /// </summary>
    public async Task<ReloadOutcome> CheckAsync(bool forced, CancellationToken cancellationToken = default)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Check(forced), cancellationToken);
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <summary>Loads the first version before the server starts listening, so that it is ready when it answers.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var outcome = await LoadInitialAsync(cancellationToken);
        if (outcome.Version is null)
        {
            LogWaiting(_log, Directory, outcome.Reason ?? "no version loads");
        }

        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        var last = Interlocked.Exchange(ref _current, null);
        last?.Release();
        _checking.Dispose();
        _changed.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watcher = Watch();
        bool gone = !System.IO.Directory.Exists(Directory);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // A deleted folder ends its watcher: look every second until the folder is back, then watch it again.
                    var wait = gone && _options.PollInterval > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : _options.PollInterval;
                    if (await _changed.WaitAsync(wait, stoppingToken))
                    {
                        // Let a burst of events (a version renamed in, then the pointer) settle into one check.
                        await Task.Delay(Settle, stoppingToken);
                    }

                    bool exists = System.IO.Directory.Exists(Directory);
                    if (exists && gone)
                    {
                        watcher?.Dispose();
                        watcher = Watch();
                    }

                    gone = !exists;
                    await CheckAsync(forced: false, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    LogCheckFailed(_log, Directory, OneLine(e));
                }
            }
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    private ReloadOutcome Check(bool forced)
    {
        var current = Current;
        var candidates = Versions();
        var identities = candidates.ToDictionary(v => v, Identity);
        var seen = _seen;
        _seen = identities.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

        // The version served is still on disk as it was loaded: only newer versions count. When its folder
        // was deleted or saved anew under the same number, any version saved since counts as new.
        string? servedNow = current is null ? null : Identity(current.Version);
        bool servedIntact = current is not null && servedNow == current.Identity;
        if (current is not null && servedNow is null && !_reportedGone)
        {
            _reportedGone = true;
            LogServedGone(_log, current.Version, Directory);
        }

        if (candidates.Count == 0)
        {
            return new ReloadOutcome(current?.Version, false, null, current is null ? $"'{Directory}' holds no complete model version yet" : null);
        }

        int? rejected = null;
        string? reason = null;

        // Newest first, down to the version served: a bad newest version does not hide a good one between
        // it and the current. While the version served is on disk, the server never goes back to an older one.
        foreach (int version in candidates)
        {
            string? identity = identities[version];
            if (current is not null && (servedIntact ? version <= current.Version : !IsNew(version, identity, current, seen, forced)))
            {
                if (servedIntact)
                {
                    break;
                }

                continue;
            }

            string stamp = Stamp(version);
            if (!forced && _rejected.TryGetValue(version, out var before) && before.Stamp == stamp)
            {
                continue;
            }

            try
            {
                var loaded = Load(version);
                loaded.Identity = identity;
                _reportedGone = false;
                var previous = Interlocked.Exchange(ref _current, loaded);
                previous?.Release();
                _rejected.Remove(version);
                _metrics.Loaded(loaded);
                LogServing(_log, loaded.ModelName, version, loaded.IndexName, loaded.Service.TrainingData.ItemCount, previous is null ? "none" : previous.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (previous?.Capabilities.Except(loaded.Capabilities).ToList() is { Count: > 0 } lost)
                {
                    LogCapabilitiesLost(_log, version, loaded.ModelName, previous.Version, previous.ModelName, string.Join(", ", lost.Select(Describe)));
                }
                return new ReloadOutcome(version, true, rejected, reason);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                string why = OneLine(e);
                _rejected[version] = (stamp, why);
                _metrics.Rejected();
                rejected ??= version;
                reason ??= why;
                if (current is not null)
                {
                    LogRejected(_log, version, Directory, why, current.Version);
                }
                else
                {
                    LogRejectedNothingServed(_log, version, Directory, why);
                }
            }
        }

        return new ReloadOutcome(current?.Version, false, rejected, reason ?? (current is null ? $"no version of '{Directory}' loads" : null));
    }

    /// <summary>
    /// Whether <paramref name="version"/> is new content while the served version's folder is gone or replaced:
    /// a newer number, the served number saved anew, or an older number not on disk at the last check (the
    /// whole folder deleted and saved anew). A forced reload takes the newest version on disk.
    /// </summary>
    private static bool IsNew(int version, string? identity, ServedModel current, Dictionary<int, string> seen, bool forced) =>
        forced || version > current.Version || (version == current.Version ? identity != current.Identity : !(seen.TryGetValue(version, out var before) && before == identity));

    /// <summary>The SHA-256 of a version's manifest, which lists the SHA-256 of every file: its content identity, or null when it has none.</summary>
    private string? Identity(int version)
    {
        try
        {
            string folder = version == 0 ? Directory : ModelDirectory.VersionPath(Directory, version);
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, ModelDirectory.ManifestName))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The versions to consider, newest first: the complete ones, and damaged ones (a manifest that does not parse,
    /// a listed file missing), which fail to load and so are reported like any other bad version instead of being
    /// passed over in silence. A model in the earlier flat layout is version 0.
    /// </summary>
    private List<int> Versions()
    {
        var versions = ModelDirectory.ListVersions(Directory).Concat(ModelDirectory.ListDamagedVersions(Directory)).OrderDescending().ToList();
        if (versions.Count == 0 && File.Exists(Path.Combine(Directory, ModelDirectory.ManifestName)))
        {
            versions.Add(0);
        }

        return versions;
    }

    private ServedModel Load(int version)
    {
        var clock = Stopwatch.StartNew();
        string folder = version == 0 ? Directory : ModelDirectory.VersionPath(Directory, version);
        var service = RecommendationService.Load(folder, new ServingOptions { Index = _options.Index });
        try
        {
            service.Verify();
            LogLoaded(_log, version, clock.Elapsed.TotalSeconds, service.IndexDescription);
            return new ServedModel(service, version, folder, DateTimeOffset.UtcNow);
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>What a version's files look like now (names, sizes, times), to notice a rejected version being replaced.</summary>
    private string Stamp(int version)
    {
        try
        {
            var folder = new DirectoryInfo(version == 0 ? Directory : ModelDirectory.VersionPath(Directory, version));
            return string.Join('|', folder.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private FileSystemWatcher? Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(Directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName | NotifyFilters.LastWrite,
            };
            FileSystemEventHandler changed = (_, _) => Signal();
            watcher.Created += changed;
            watcher.Changed += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, e) => LogWatcherFailed(_log, Directory, OneLine(e.GetException()));
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            LogWatcherFailed(_log, Directory, OneLine(e));
            return null;
        }
    }

    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or shutting down.
        }
    }

    /// <summary>A capability lost in a swap, and what becomes of the requests that use it.</summary>
    private static string Describe(string capability) => capability switch
    {
        "vectors" => "item vectors (diversity is left out of answers)",
        "similar" => "item similarities (/v1/items/{id}/similar answers 501)",
        "explain" => "explanations (left out of answers)",
        "fold-in" => "fold-in (new users' histories get item averages or popularity)",
        _ => capability,
    };

    /// <summary>
    /// The message in one line, without its final full stop (log lines go on after it) and without the
    /// " (Parameter 'name')" that an argument exception appends, which names code, not the model.
    /// </summary>
    private static string OneLine(Exception e)
    {
        string message = e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Model} version {Version} ({Index} index, {Items} items); previous version: {Previous}")]
    private static partial void LogServing(ILogger logger, string model, int version, string index, int items, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded and verified version {Version} in {Seconds:F2} s; {Index}")]
    private static partial void LogLoaded(ILogger logger, int version, double seconds, string index);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected version {Version} of '{Directory}': {Reason}; version {Current} keeps serving")]
    private static partial void LogRejected(ILogger logger, int version, string directory, string reason, int current);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected version {Version} of '{Directory}': {Reason}; no version is served yet")]
    private static partial void LogRejectedNothingServed(ILogger logger, int version, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Version} ({Model}) cannot do what version {Previous} ({PreviousModel}) did; lost: {Lost}")]
    private static partial void LogCapabilitiesLost(ILogger logger, int version, string model, int previous, string previousModel, string lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Version} of '{Directory}' was deleted from disk; it keeps serving from memory until a new version is saved")]
    private static partial void LogServedGone(ILogger logger, int version, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}; waiting for a complete version in '{Directory}'")]
    private static partial void LogWaiting(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking '{Directory}' for new versions failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching '{Directory}' failed ({Reason}); new versions are noticed by the periodic check only")]
    private static partial void LogWatcherFailed(ILogger logger, string directory, string reason);
}
