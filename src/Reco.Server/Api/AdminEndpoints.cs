using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reco.Server.Hosting;
using Reco.Server.Security;

namespace Reco.Server.Api;

/// <summary><c>POST /admin/reload</c>: check the model folder now, behind the API key.</summary>
internal static partial class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/reload", Reload)
            .WithTags("Administration")
            .WithName("Reload")
            .WithSummary("Check the model folder for a new version now")
            .WithDescription(
                $"Loads, verifies and switches to the newest complete version when it is not the one served; a version rejected before is tried again. " +
                $"Needs the server's API key in the {ApiKey.Header} header (or Authorization: Bearer KEY); turned off when the server has no key.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<ReloadResponse>, ProblemHttpResult>> Reload(
        HttpRequest request, ModelHost host, IOptions<RecoServerOptions> settings, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var log = logs.CreateLogger("Reco.Server.Admin");
        if (settings.Value.ApiKey is not { } expected)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Reloading is turned off",
                detail: "This server has no API key, so it reloads only by itself; start it with --api-key-file or RECO_API_KEY to allow reloads over HTTP.");
        }

        if (!ApiKey.Matches(expected, Offered(request)))
        {
            LogRefused(log, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "an unknown address");
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Wrong or missing API key",
                detail: $"Send the server's API key in the {ApiKey.Header} header.");
        }

        LogReloadRequested(log);
        var outcome = await host.CheckAsync(forced: true, cancellationToken);
        return TypedResults.Ok(new ReloadResponse(outcome.Version, outcome.Changed, outcome.Rejected, outcome.Reason));
    }

    private static string? Offered(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKey.Header, out var key) && key.Count == 1)
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a reload from {Address}: wrong or missing API key")]
    private static partial void LogRefused(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reload requested over HTTP")]
    private static partial void LogReloadRequested(ILogger logger);
}
