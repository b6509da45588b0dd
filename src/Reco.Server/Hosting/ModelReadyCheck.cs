using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Reco.Server.Hosting;

/// <summary>Readiness: healthy once a model version is loaded and serving.</summary>
internal sealed class ModelReadyCheck(ModelHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.Current is { } model
            ? HealthCheckResult.Healthy($"{model.ModelName} version {model.Version}")
            : HealthCheckResult.Unhealthy("no model version is loaded yet"));
}
