using System.Globalization;
using Reco.Data;
using Reco.Data.Sources;

namespace Reco.Cli.Display;

/// <summary>Prints <see cref="InteractionStatistics"/> of loaded data for <c>reco datasets info</c>.</summary>
internal static class DatasetSummary
{
    public static void Write(TextWriter output, LoadResult result, int top)
    {
        var c = CultureInfo.InvariantCulture;
        var data = result.Interactions;
        var stats = InteractionStatistics.Compute(data, top);
        output.WriteLine(string.Create(c, $"Interactions: {stats.Interactions:N0}"));
        output.WriteLine(string.Create(c, $"Users:        {stats.Users:N0} with interactions (median {stats.MedianPerUser:N0}, most {stats.MaxPerUser:N0} each)"));
        output.WriteLine(string.Create(c, $"Items:        {stats.Items:N0} with interactions, {stats.CatalogueItems:N0} in the catalogue"));
        output.WriteLine(string.Create(c, $"Density:      {stats.Density:P3}"));
        if (stats.MeanRating is double mean)
        {
            output.WriteLine(string.Create(c, $"Ratings:      mean {mean:F3}"));
            foreach (var (rating, count) in stats.RatingCounts)
            {
                double share = (double)count / stats.Interactions;
                output.WriteLine(string.Create(c, $"  {rating,6:0.##}  {count,12:N0}  {share,7:P1}  {new string('#', (int)Math.Round(share * 40))}"));
            }
        }
        else
        {
            output.WriteLine("Ratings:      none (implicit feedback)");
        }

        if (stats.FirstTime is long first && stats.LastTime is long last)
        {
            output.WriteLine(string.Create(c, $"Time:         {DateTimeOffset.FromUnixTimeSeconds(first):yyyy-MM-dd} to {DateTimeOffset.FromUnixTimeSeconds(last):yyyy-MM-dd}"));
        }

        if (result.ItemFeatures is { } features)
        {
            output.WriteLine($"Item features: {string.Join(", ", features.Columns.Select(f => $"{f.Name} ({f.Kind.ToString().ToLowerInvariant()})"))}");
        }

        if (result.UserFeatures is { } userFeatures)
        {
            output.WriteLine($"User features: {string.Join(", ", userFeatures.Columns.Select(f => $"{f.Name} ({f.Kind.ToString().ToLowerInvariant()})"))}");
        }

        output.WriteLine($"Top {stats.TopItems.Count} items (interactions, id, title):");
        string? Title(int item) => result.ItemFeatures is { } f && f.TryGetColumn("title", out var title) ? title.ValueOf(item) : null;
        foreach (var (item, count) in stats.TopItems)
        {
            string title = Title(item) is string t ? $"  {t}" : "";
            output.WriteLine(string.Create(c, $"  {count,10:N0}  {data.Items[item]}{title}"));
        }
    }
}
