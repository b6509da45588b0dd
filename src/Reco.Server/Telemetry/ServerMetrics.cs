using System.Diagnostics.Metrics;
using Reco.Server.Hosting;
using Reco.Serving;

namespace Reco.Server.Telemetry;

/// <summary>
/// The server's own instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c> beside ASP.NET
/// Core's request rate, latency histogram and errors: the served model's version and index, version loads
/// and rejections, and recommendations by how they were computed.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Reco.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _loads;
    private readonly Counter<long> _recommendations;
    private ModelHost? _host;

    /// <summary>Creates the instruments.</summary>
    public ServerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _loads = _meter.CreateCounter<long>("reco.model.loads", "{version}", "Model versions loaded (outcome=loaded) or rejected (outcome=rejected).");
        _recommendations = _meter.CreateCounter<long>("reco.recommendations", "{answer}", "Recommendation answers, by method (model, fold-in, item-average, popularity).");
        _meter.CreateObservableGauge(
            "reco.model.version",
            () => _host?.Current is { } model
                ? [new Measurement<long>(model.Version, new KeyValuePair<string, object?>("model", model.ModelName), new KeyValuePair<string, object?>("index", model.IndexName))]
                : Array.Empty<Measurement<long>>(),
            "{version}",
            "The model version being served, labelled with the model and its index kind.");
    }

    /// <summary>Reports the version <paramref name="host"/> serves.</summary>
    internal void Observe(ModelHost host) => _host = host;

    internal void Loaded(ServedModel model) => _loads.Add(1, new KeyValuePair<string, object?>("outcome", "loaded"));

    internal void Rejected() => _loads.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));

    internal void Answered(RecommendationMethod method) => _recommendations.Add(1, new KeyValuePair<string, object?>("method", MethodName(method)));

    /// <summary>The method as the API spells it.</summary>
    public static string MethodName(RecommendationMethod method) => method switch
    {
        RecommendationMethod.FoldIn => "fold-in",
        RecommendationMethod.ItemAverage => "item-average",
        RecommendationMethod.Popularity => "popularity",
        _ => "model",
    };

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
