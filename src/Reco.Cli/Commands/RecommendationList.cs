using System.Globalization;
using System.Text.Json.Nodes;
using Reco.Serving;

namespace Reco.Cli.Commands;

/// <summary>Prints and serialises a ranked list of items: rank, score, id and label, once.</summary>
internal static class RecommendationList
{
    public static async Task WriteAsync(CliContext context, string title, IReadOnlyList<RecommendedItem> items)
    {
        await context.Output.WriteLineAsync($"{title}:");
        int idWidth = items.Count == 0 ? 0 : Math.Min(24, items.Max(i => i.Id.Length));
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string label = item.Label == item.Id ? string.Empty : $"  {item.Label}";
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,3}. {item.Score,10:F4}  {item.Id.PadLeft(idWidth)}{label}"));
        }
    }

    /// <summary><c>[{"id", "label", "score"}, …]</c>.</summary>
    public static JsonArray Json(IReadOnlyList<RecommendedItem> items) =>
        [.. items.Select(i => (JsonNode?)new JsonObject { ["id"] = i.Id, ["label"] = i.Label, ["score"] = i.Score })];
}
