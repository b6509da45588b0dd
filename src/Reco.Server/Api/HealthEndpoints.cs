using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Reco.Server.Hosting;

namespace Reco.Server.Api;

/// <summary>
/// <c>/health</c> (readiness with the model's name and version; 503 until a model is loaded),
/// <c>/health/ready</c> (the same) and <c>/health/live</c> (200 whenever the process answers).
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = Write };
        app.MapHealthChecks("/health", ready).WithTags("Health").WithSummary("Liveness and readiness, with the model's name and version");
        app.MapHealthChecks("/health/ready", ready).WithTags("Health").WithSummary("Readiness: 200 once a model is loaded, else 503");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).WithTags("Health").WithSummary("Liveness: 200 while the server answers");
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        var model = context.RequestServices.GetRequiredService<ModelHost>().Current;
        bool ready = model is not null;
        var body = new HealthResponse(
            report.Status == HealthStatus.Healthy ? (ready ? "ready" : "live") : "not-ready",
            true,
            ready,
            model?.ModelName,
            model?.Version,
            model?.IndexName);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, ServerJsonContext.Default.HealthResponse, context.RequestAborted);
    }
}
