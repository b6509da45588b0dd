using Reco.Data;
using Reco.Data.Features;
using Reco.Models;
using Reco.Models.Content;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.Content;

public class ContentBasedTests
{
    private static ItemFeatures Genres(IdMap items, Dictionary<string, string[]> genres) =>
        ItemFeatures.From([.. items.Ids.Select(id => (IReadOnlyDictionary<string, float>)genres[id].ToDictionary(g => g, _ => 1f))]);

    [Fact]
    public void RecommendsAnItemNobodyRatedThatMatchesTheProfile()
    {
        var items = new IdMap(["alien", "aliens", "notting-hill", "new-space-film"]);
        var users = new IdMap(["u"]);
        var data = new Interactions(users, items, [0, 0], [0, 1], [5f, 4f]);
        var features = Genres(items, new()
        {
            ["alien"] = ["sci-fi", "horror"],
            ["aliens"] = ["sci-fi", "action"],
            ["notting-hill"] = ["romance", "comedy"],
            ["new-space-film"] = ["sci-fi"],
        });
        var model = new ContentBased(features);
        model.Fit(data);
        var top = model.Recommend(0, 1);
        Assert.Equal(3, top[0].Item);

        // Profile = (5·x_alien + 4·x_aliens)/9 with unit rows; cosine with the unit sci-fi row by hand.
        float h = 1 / MathF.Sqrt(2);
        float[] profile = [(5 * h) + (4 * h), 5 * h, 4 * h];
        float norm = MathF.Sqrt(profile.Sum(v => v * v));
        Assert.Equal(profile[0] / norm, top[0].Score, 4);

        // Aliens explains it more per rating point than nothing else; both contribute.
        var why = model.Explain(0, 3, 2);
        Assert.Equal([0, 1], why.Select(w => w.Item));
        Assert.Equal(5 * h, why[0].Score, 4);
    }

    [Fact]
    public void FoldInEqualsTheTrainedUsersScores()
    {
        var items = new IdMap(["a", "b", "c"]);
        var data = new Interactions(new IdMap(["u"]), items, [0, 0], [0, 2], [4f, 2f]);
        var features = Genres(items, new() { ["a"] = ["x"], ["b"] = ["x", "y"], ["c"] = ["y"] });
        var model = new ContentBased(features);
        model.Fit(data);
        var trained = new float[3];
        var folded = new float[3];
        model.ScoreItems(0, trained);
        model.ScoreNewUser([0, 2], [4f, 2f], folded);
        Assert.Equal(trained, folded);
    }

    [Fact]
    public void FeatureTablesBecomeOneHotCategoriesAndTfIdfWords()
    {
        var items = new IdMap(["1", "2", "3"]);
        var table = new FeatureTable(items);
        table.Add("title", FeatureKind.Text);
        table.Add("genres", FeatureKind.MultiValued);
        table.Set("1", "title", "Toy Story (1995)");
        table.Set("1", "genres", "Animation", "Comedy");
        table.Set("2", "title", "Toy Soldiers (1991)");
        table.Set("2", "genres", "Action");
        table.Set("3", "title", "Heat (1995)");
        table.Set("3", "genres", "Action");
        var features = table.ToItemFeatures(items);
        var names = features.FeaturesOf(0).ToArray().Select(f => features.FeatureNames[f]).ToHashSet();
        Assert.Equal(new HashSet<string> { "genres:Animation", "genres:Comedy", "title:toy", "title:story" }, names);
        int story = features.FeaturesOf(0).IndexOf(features.FeatureNames.ToList().IndexOf("title:story"));
        int toy = features.FeaturesOf(0).IndexOf(features.FeatureNames.ToList().IndexOf("title:toy"));
        Assert.Equal(Math.Log(3.0 / 1), features.ValuesOf(0)[story], 5);
        Assert.Equal(Math.Log(3.0 / 2), features.ValuesOf(0)[toy], 5);
    }
}
