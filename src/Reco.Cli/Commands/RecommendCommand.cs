using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Cli.Reports;
using Reco.Deployment;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary><c>reco recommend --model DIR --user U -k K</c>: top-k from a saved model.</summary>
internal static class RecommendCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model folder saved with --save.", HelpName = "DIR", Required = true };
        var user = new Option<string>("--user") { Description = "The user id.", Required = true };
        var k = CommonOptions.Positive("-k", "How many items.", 10);
        var json = CommonOptions.Json();
        var command = new Command("recommend", "Recommend items for a user from a saved model. An unknown user gets the most popular items, with a warning.")
        {
            model, user, k, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var context = CliContext.From(parse);
            return context.RunAsync(async () =>
            {
                var folder = parse.GetValue(model)!;
                var who = parse.GetValue(user)!;
                int count = parse.GetValue(k);
                var result = ModelDirectory.ReadKind(folder) == RecommenderFile.Kind
                    ? SavedModels.Recommend(RecommenderFile.Load(folder), who, count)
                    : RecommendationService.Load(folder).Recommend(who, count);
                if (result.Fallback is not null)
                {
                    await context.Error.WriteLineAsync($"warning: {result.Fallback}.");
                }

                await context.Output.WriteLineAsync($"Top {count} recommendations for user {who}: [{string.Join(", ", result.Items)}]");
                for (int i = 0; i < result.Items.Count; i++)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,3}. {result.Scores[i],10:F4}  {result.Items[i]}"));
                }

                if (parse.GetValue(json) is { } path)
                {
                    new JsonReport("recommend")
                        .Set("recommendations", new JsonObject
                        {
                            ["user"] = who,
                            ["items"] = new JsonArray([.. result.Items.Select(i => (JsonNode?)i)]),
                            ["scores"] = new JsonArray([.. result.Scores.Select(s => (JsonNode?)s)]),
                            ["fallback"] = result.Fallback,
                        })
                        .WriteTo(path);
                }

                return 0;
            });
        });
        return command;
    }
}
