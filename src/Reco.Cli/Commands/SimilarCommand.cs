using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Reports;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary><c>reco similar --model DIR --item ID -k K</c>: the items a saved model finds most alike.</summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model folder saved with reco train ... --save.", HelpName = "DIR", Required = true };
        var item = new Option<string>("--item") { Description = "The item id (for MovieLens, the movie id).", Required = true };
        var k = CommonOptions.Positive("-k", "How many items.", 10);
        var json = CommonOptions.Json();
        var command = new Command("similar", "List the items most similar to an item, from a saved model that computes similarities (item-knn, ease, als, bpr, biased-mf, svdpp, content).")
        {
            model, item, k, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var folder = parse.GetValue(model)!;
                if (ModelDirectory.ReadKind(folder) == TwoTowerModelFile.Kind)
                {
                    throw new ArgumentException("Two-tower models do not answer `reco similar`; train a classic model (for example item-knn) instead.");
                }

                var saved = RecommenderFile.Load(folder);
                var id = parse.GetValue(item)!;
                var result = SavedModels.Similar(saved, id, parse.GetValue(k));
                await context.Output.WriteLineAsync($"Items most similar to {id} ({saved.Label(saved.Model.TrainingData!.Items.IndexOf(id))}):");
                for (int i = 0; i < result.Count; i++)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,3}. {result[i].Score,10:F4}  {result[i].Id,6}  {result[i].Label}"));
                }

                if (parse.GetValue(json) is { } path)
                {
                    new JsonReport("similar")
                        .Set("similar", new JsonObject
                        {
                            ["item"] = id,
                            ["items"] = new JsonArray([.. result.Select(r => (JsonNode?)r.Id)]),
                            ["labels"] = new JsonArray([.. result.Select(r => (JsonNode?)r.Label)]),
                            ["scores"] = new JsonArray([.. result.Select(r => (JsonNode?)r.Score)]),
                        })
                        .WriteTo(path);
                }

                return 0;
            });
        });
        return command;
    }
}
