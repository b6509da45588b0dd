using System.Text.Json;
using System.Text.Json.Nodes;
using Reco.IO;
using Reco.Training;

namespace Reco.Cli.Reports;

/// <summary>The machine-readable record of a run that <c>--json PATH</c> writes.</summary>
internal sealed class JsonReport(string command)
{
    private readonly JsonObject _root = new() { ["command"] = command };

    public JsonReport Set(string key, JsonNode? value)
    {
        _root[key] = value;
        return this;
    }

    /// <summary><c>metrics</c>: metric keys (<c>factorized_top_k@100</c>, <c>precision@10</c>, <c>loss</c>, …) to values.</summary>
    public JsonReport Metrics(IReadOnlyDictionary<string, double> logs)
        => Set("metrics", new JsonObject(logs.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(double.IsFinite(kv.Value) ? kv.Value : null)))));

    /// <summary><c>epochs</c>: one entry per epoch with its mean loss, fit-time metrics and seconds.</summary>
    public JsonReport Epochs(History history) => Epochs(history.Epochs);

    /// <summary><c>epochs</c> from the logs of <see cref="TrainingCallback.OnEpochEnd"/>.</summary>
    public JsonReport Epochs(IEnumerable<EpochLog> logs)
    {
        var epochs = new JsonArray();
        foreach (var epoch in logs)
        {
            var entry = new JsonObject { ["epoch"] = epoch.Epoch + 1 };
            foreach (var (key, value) in epoch.Logs)
            {
                entry[key] = value;
            }

            entry["seconds"] = epoch.Seconds;
            epochs.Add(entry);
        }

        return Set("epochs", epochs);
    }

    public JsonReport Timings(double trainSeconds, double evalSeconds)
        => Set("timings", new JsonObject { ["train_seconds"] = trainSeconds, ["eval_seconds"] = evalSeconds });

    /// <summary>Writes the report atomically (a reader never sees half a file), refusing to overwrite any of <paramref name="inputs"/>.</summary>
    public void WriteTo(string path, IEnumerable<string>? inputs = null)
        => AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(_root, new JsonSerializerOptions { WriteIndented = true }), inputs);
}
