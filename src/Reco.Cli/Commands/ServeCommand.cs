using System.CommandLine;
using System.Net;
using Reco.Server;
using Reco.Server.Security;

namespace Reco.Cli.Commands;

/// <summary><c>reco serve --model DIR</c>: the HTTP recommendation server over a model folder's newest version.</summary>
internal static class ServeCommand
{
    /// <summary>The largest <c>--max-k</c>, as <see cref="RecoServerOptions.MaxK"/> allows.</summary>
    internal const int MaxK = 10_000;

    /// <summary>The longest poll interval: a day.</summary>
    internal const int MaxPollSeconds = 86_400;

    public static Command Create()
    {
        var defaults = new RecoServerOptions();
        var model = new Option<string>("--model") { Description = "The model folder saved with --save; its newest complete version is served, and new versions are picked up.", HelpName = "DIR", Required = true };
        var host = new Option<string>("--host") { Description = "The address to listen on (an IP address or localhost).", DefaultValueFactory = _ => defaults.Host };
        host.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !value.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(value, out _))
            {
                result.AddError($"--host must be an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost; got '{value}'.");
            }
        });
        var port = CliOptions.WholeNumber("--port", "The port to listen on, 0 to 65,535 (0 picks a free one).", defaults.Port, minimum: 0, maximum: 65_535);
        var index = new Option<string>("--index") { Description = "Retrieval for models with vectors: exact, hnsw, ivf or auto (exact below 200,000 items, else IVF when it measures faster). A version saved with `reco train --index` is served with its saved index when it is of this kind (any kind for auto), after checking it holds the model's item vectors; otherwise the index is built when the version loads.", DefaultValueFactory = _ => defaults.Index };
        CliOptions.OneOf(index, ["exact", "hnsw", "ivf", "auto"]);
        var apiKeyFile = new Option<string?>("--api-key-file") { Description = $"A file holding the key that POST /admin/reload requires (else the {ApiKey.EnvironmentVariable} environment variable; without either, reloads over HTTP are refused).", HelpName = "PATH" };
        var maxK = CliOptions.WholeNumber("--max-k", $"The largest k a request may ask for, 1 to {MaxK:N0}.", defaults.MaxK, minimum: 1, maximum: MaxK);
        var poll = CliOptions.WholeNumber("--poll-seconds", $"How often to check the model folder for a new version, besides watching it: 1 to {MaxPollSeconds:N0} seconds.", (int)defaults.PollInterval.TotalSeconds, minimum: 1, maximum: MaxPollSeconds);
        var command = new Command("serve", "Serve a saved model over HTTP: /v1 recommendations, similar items and new-user recommendations, /docs, /health, /metrics and a web page at /.")
        {
            model, host, port, index, apiKeyFile, maxK, poll,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var options = new RecoServerOptions
                {
                    ModelDirectory = parse.GetValue(model)!,
                    Host = parse.GetValue(host)!,
                    Port = parse.GetValue(port),
                    Index = parse.GetValue(index)!,
                    MaxK = parse.GetValue(maxK),
                    PollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
                    ApiKey = ApiKey.Resolve(parse.GetValue(apiKeyFile)),
                };
                await RecoServer.RunAsync(options, address => context.Error.WriteLine($"Listening on {address} (API reference at {address}/docs); press Ctrl+C to stop."), cancellationToken);
                return 0;
            });
        });
        return command;
    }
}
