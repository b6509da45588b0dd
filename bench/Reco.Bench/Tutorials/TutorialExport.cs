using System.Globalization;
using System.Text;
using Reco.Data;
using Reco.Recipes.Tutorials;

namespace Reco.Bench.Tutorials;

/// <summary>
/// Writes a ranking tutorial's examples at a seed as CSV, so that the PyTorch peer
/// (<c>bench/peers/ranking_torch.py</c>) trains on exactly the data and batch order that
/// <c>reco tutorial NAME --seed S</c> trains on: one row per rating with its share (<c>all</c> rows, every
/// rating, feed the vocabularies; <c>train</c> rows come in the order batched in every epoch; then
/// <c>test</c>), its features and its rating.
/// </summary>
internal static class TutorialExport
{
    public static readonly string[] Tutorials = ["basic-ranking", "dcn"];

    public static void Run(string dataDir, string tutorial, int seed, string output)
    {
        var data = DataSet.LoadMovieLens(dataDir);
        var text = new StringBuilder();
        var (train, test) = tutorial switch
        {
            "basic-ranking" => BasicRankingRows(data, seed, text),
            "dcn" => DcnRows(data, seed, text),
            _ => throw new ArgumentException($"tutorial-export knows {string.Join(", ", Tutorials)}, not {tutorial}."),
        };

        File.WriteAllText(output, text.ToString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{output}: {tutorial} at seed {seed}, {train:N0} training and {test:N0} test ratings"));
    }

    private static (int Train, int Test) BasicRankingRows(DataSet data, int seed, StringBuilder text)
    {
        var (train, test) = BasicRanking.Prepare(data.Interactions, new BasicRankingOptions { Seed = seed });
        var all = Enumerable.Range(0, data.Interactions.Count).Select(r => TutorialData.Row(data.Interactions, r)).Select(x => ((x.User, x.Title), x.Rating));
        text.Append("share,user,title,rating\n");
        foreach (var (share, rows) in new[] { ("all", all), ("train", train), ("test", test) })
        {
            foreach (var ((user, title), rating) in rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"{share},{Csv(user)},{Csv(title)},{rating}\n");
            }
        }

        return (train.Length, test.Length);
    }

    private static (int Train, int Test) DcnRows(DataSet data, int seed, StringBuilder text)
    {
        var (all, train, test) = DeepCrossNetwork.Prepare(data, new DeepCrossNetworkOptions { Seed = seed });
        text.Append("share,movie,user,zip,occupation,gender,age_bucket,rating\n");
        foreach (var (share, rows) in new[] { ("all", all), ("train", train), ("test", test) })
        {
            foreach (var (x, rating) in rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"{share},{Csv(x.Movie)},{Csv(x.User)},{Csv(x.Zip)},{Csv(x.Occupation)},{x.Gender},{x.AgeBucket},{rating}\n");
            }
        }

        return (train.Length, test.Length);
    }

    /// <summary>A CSV field, quoted when it holds a comma or a quote (titles do).</summary>
    private static string Csv(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
