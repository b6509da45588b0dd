using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using Reco.Indexes;
using Reco.Serialization;
using Reco.Server.Api;
using Reco.Server.Hosting;
using Reco.Server.Logging;
using Reco.Server.Telemetry;
using Reco.Server.Web;
using Scalar.AspNetCore;

namespace Reco.Server;

/// <summary>
/// The recommendation server: one place that wires options, the model host, the API, OpenAPI and its
/// browsable reference, health checks, OpenTelemetry metrics, logging and the web page.
/// </summary>
public static class RecoServer
{
    /// <summary>
    /// Builds the server. <paramref name="configure"/> may change the builder before it is built (tests use
    /// a test server there).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid, or the model folder does not exist (one line, for the user).</exception>
    public static WebApplication Build(RecoServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(RecoServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });

        builder.Services.AddOptions<RecoServerOptions>()
            .Configure(o => Copy(options, o))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.FormatterName)
            .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A failed start is reported once, in the user's terms, by whoever started the server; the host's own
        // error line about it would name .NET types. A background service stopping the host is still logged.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            var address = options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port);
        });

        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelHost>());

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi("v1", openApi => openApi.AddOperationTransformer(new ParameterSchemas(options)).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Reco recommendation API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Recommendations from a saved Reco model, with hot reload of new model versions. " +
                $"Limits: k from 1 to {options.MaxK}; request bodies up to {options.MaxBodyBytes:N0} bytes (413 beyond); " +
                $"at most {options.MaxListedItems} item ids in a list. Every client error is a 4xx answer with a problem-details body (RFC 9457), " +
                "except those the HTTP layer refuses before the API sees them (414 URI too long, 431 headers too large, 400 for %00 in the path), which have empty bodies. " +
                "Ids in paths are percent-encoded and decoded once; '.' and '..' cannot be addressed in a path (use POST /v1/recommendations).";
            return Task.CompletedTask;
        }));

        builder.Services.AddHealthChecks().AddCheck<ModelReadyCheck>("model", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(ServerMetrics.MeterName)
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            })
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        RecommendationEndpoints.Map(app, options);
        AdminEndpoints.Map(app);
        HealthEndpoints.Map(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", scalar => scalar
            .WithTitle("Reco recommendation API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry());
        EmbeddedPage.Map(app);
        return app;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires or the process is asked to stop.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="started">Called with the address the server listens on, once it does.</param>
    /// <param name="cancellationToken">Stops the server (requests in flight finish).</param>
    public static async Task RunAsync(RecoServerOptions options, Action<string>? started = null, CancellationToken cancellationToken = default)
    {
        await using var app = Build(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException || (e.InnerException as SocketException)?.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"port {options.Port} on {options.Host} is already in use; pick another with --port.");
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        started?.Invoke(addresses?.FirstOrDefault() ?? $"http://{options.Host}:{options.Port}");
        using var stop = cancellationToken.Register(() => app.Lifetime.StopApplication());
        await app.WaitForShutdownAsync(CancellationToken.None);
    }

    private static void Check(RecoServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelDirectory))
        {
            throw new ArgumentException("Name the model folder to serve (--model DIR).");
        }

        var directory = Path.GetFullPath(options.ModelDirectory);
        if (!Directory.Exists(directory) && new FileInfo(directory).LinkTarget is { } target)
        {
            throw new ArgumentException($"'{options.ModelDirectory}' is a broken link: it points to '{target}', which does not exist.");
        }

        if (!Directory.Exists(directory))
        {
            throw new ArgumentException(File.Exists(directory)
                ? $"'{options.ModelDirectory}' is a file; --model takes the folder a model was saved to with --save."
                : $"The model folder '{options.ModelDirectory}' does not exist; save a model there with 'reco train ALGORITHM --save {options.ModelDirectory}'.");
        }

        var parent = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar));
        if (int.TryParse(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)), out _) && parent is not null && ModelDirectory.IsSavedModel(parent))
        {
            throw new ArgumentException($"'{options.ModelDirectory}' is one version of the model in '{parent}'; serve '{parent}' to follow its new versions.");
        }

        if (!VectorIndex.KindNames.Contains(options.Index.ToLowerInvariant()))
        {
            throw new ArgumentException($"Unknown index kind '{options.Index}'; expected exact, hnsw, ivf or auto.");
        }

        if (!options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(options.Host, out _))
        {
            throw new ArgumentException($"--host must be an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost; got '{options.Host}'.");
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be from 0 to 65535; got {options.Port}.");
        }

        // The same ranges as the options' annotations, checked here so that a mistake is one line, not a failed start.
        Range("--max-k", options.MaxK, 1, 10_000);
        Range("the request body limit", options.MaxBodyBytes, 1_024, 16 * 1024 * 1024);
        Range("the limit on listed items", options.MaxListedItems, 1, 100_000);
        if (options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The poll interval (--poll-seconds) must be positive.");
        }
    }

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min:N0} to {max:N0}; got {value}."));
        }
    }

    private static void Copy(RecoServerOptions from, RecoServerOptions to)
    {
        to.ModelDirectory = from.ModelDirectory;
        to.Host = from.Host;
        to.Port = from.Port;
        to.Index = from.Index;
        to.MaxK = from.MaxK;
        to.MaxBodyBytes = from.MaxBodyBytes;
        to.MaxListedItems = from.MaxListedItems;
        to.PollInterval = from.PollInterval;
        to.ApiKey = from.ApiKey;
    }
}
