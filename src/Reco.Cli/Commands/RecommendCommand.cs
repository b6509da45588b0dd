using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Reports;
using Reco.Serving;

namespace Reco.Cli.Commands;

/// <summary><c>reco recommend --model DIR --user U -k K</c>: top-k from a saved model, through <see cref="RecommendationService"/>.</summary>
internal static class RecommendCommand
{
    public static Command Create()
    {
        var model = CliOptions.NotBlank(new Option<string>("--model") { Description = "A model folder saved with --save.", HelpName = "DIR", Required = true }, "the folder a model was saved to with --save");
        var user = new Option<string>("--user") { Description = "The user id.", Required = true };
        var k = CliOptions.WholeNumber("-k", "How many items.", 10);
        var includeSeen = new Option<bool>("--include-seen") { Description = "Also recommend items the user already interacted with." };
        var json = CliOptions.Json();
        var command = new Command("recommend", "Recommend items for a user from a saved model. A user the model does not know gets the most popular items, with a warning.")
        {
            model, user, k, includeSeen, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var outputs = new Outputs([parse.GetValue(model)]).Check(null, parse.GetValue(json));
                var service = RecommendationService.Load(parse.GetValue(model)!);
                var who = parse.GetValue(user)!;
                int count = parse.GetValue(k);
                var result = service.Recommend(who, count, new RecommendationRequest { ExcludeSeen = !parse.GetValue(includeSeen) });
                if (result.Fallback is not null)
                {
                    await context.Error.WriteLineAsync($"warning: {result.Fallback}.");
                }

                await RecommendationList.WriteAsync(context, $"Top {count} recommendations for user {who}", result.Items);
                if (parse.GetValue(json) is { } path)
                {
                    new JsonReport("recommend")
                        .Set("recommendations", new JsonObject
                        {
                            ["user"] = who,
                            ["items"] = RecommendationList.Json(result.Items),
                            ["fallback"] = result.Fallback,
                        })
                        .WriteTo(path, outputs.Inputs);
                }

                return 0;
            });
        });
        return command;
    }
}
