using System.CommandLine;
using System.Text.Json.Nodes;
using Reco.Cli.Reports;
using Reco.Serving;

namespace Reco.Cli.Commands;

/// <summary><c>reco similar --model DIR --item ID -k K</c>: the items a saved model finds most alike.</summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var model = CliOptions.NotBlank(new Option<string>("--model") { Description = "A model folder saved with reco train ... --save.", HelpName = "DIR", Required = true }, "the folder a model was saved to with --save");
        var item = new Option<string>("--item") { Description = "The item id (for MovieLens, the movie id).", Required = true };
        var k = CliOptions.WholeNumber("-k", "How many items.", 10);
        var json = CliOptions.Json();
        var command = new Command("similar", "List the items most similar to an item, from a saved model that computes similarities (item-knn, ease, als, bpr, biased-mf, svdpp, content, two-tower).")
        {
            model, item, k, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var outputs = new Outputs([parse.GetValue(model)]).Check(null, parse.GetValue(json));
                var service = RecommendationService.Load(parse.GetValue(model)!);
                var id = parse.GetValue(item)!;
                var result = service.Similar(id, parse.GetValue(k));
                var label = service.TrainingData.Items.LabelOf(service.ItemIndex(id));
                await RecommendationList.WriteAsync(context, label == id ? $"Items most similar to {id}" : $"Items most similar to {id} ({label})", result);
                if (parse.GetValue(json) is { } path)
                {
                    new JsonReport("similar")
                        .Set("similar", new JsonObject { ["item"] = id, ["label"] = label, ["items"] = RecommendationList.Json(result) })
                        .WriteTo(path, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }
}
