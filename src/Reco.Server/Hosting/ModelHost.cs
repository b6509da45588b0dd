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
        using var watcher = Watch();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _changed.WaitAsync(_options.PollInterval, stoppingToken))
                {
                    // Let a burst of events (a version renamed in, then the pointer) settle into one check.
                    await Task.Delay(Settle, stoppingToken);
                }

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

    private ReloadOutcome Check(bool forced)
    {
        var current = Current;
        var candidates = Versions();
        if (candidates.Count == 0)
        {
            return new ReloadOutcome(current?.Version, false, null, current is null ? $"'{Directory}' holds no complete model version yet" : null);
        }

        int? rejected = null;
        string? reason = null;

        // Newest first, down to the version served: a bad newest version does not hide a good one between
        // it and the current. The server never goes back to a version older than the one it serves.
        foreach (int version in candidates)
        {
            if (current is not null && version <= current.Version)
            {
                break;
            }

            string stamp = Stamp(version);
            if (!forced && _rejected.TryGetValue(version, out var before) && before.Stamp == stamp)
            {
                continue;
            }

            try
            {
                var loaded = Load(version);
                var previous = Interlocked.Exchange(ref _current, loaded);
                previous?.Release();
                _rejected.Remove(version);
                _metrics.Loaded(loaded);
                LogServing(_log, loaded.ModelName, version, loaded.IndexName, loaded.Service.TrainingData.ItemCount, previous is null ? "none" : previous.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    /// <summary>The complete versions, newest first; a model in the earlier flat layout is version 0.</summary>
    private List<int> Versions()
    {
        var versions = ModelDirectory.ListVersions(Directory).Reverse().ToList();
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

    /// <summary>The message in one line, without its final full stop (log lines go on after it).</summary>
    private static string OneLine(Exception e) =>
        string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Model} version {Version} ({Index} index, {Items} items); previous version: {Previous}")]
    private static partial void LogServing(ILogger logger, string model, int version, string index, int items, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded and verified version {Version} in {Seconds:F2} s; {Index}")]
    private static partial void LogLoaded(ILogger logger, int version, double seconds, string index);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected version {Version} of '{Directory}': {Reason}; version {Current} keeps serving")]
    private static partial void LogRejected(ILogger logger, int version, string directory, string reason, int current);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected version {Version} of '{Directory}': {Reason}; no version is served yet")]
    private static partial void LogRejectedNothingServed(ILogger logger, int version, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}; waiting for a complete version in '{Directory}'")]
    private static partial void LogWaiting(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking '{Directory}' for new versions failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching '{Directory}' failed ({Reason}); new versions are noticed by the periodic check only")]
    private static partial void LogWatcherFailed(ILogger logger, string directory, string reason);
}
