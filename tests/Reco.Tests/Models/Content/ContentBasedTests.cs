using Reco.Data;
using Reco.Data.MovieLens;
using Reco.Models;
using Reco.Models.Content;

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
    public void MovieLensFeaturesHaveGenresDecadeAndTitleWords()
    {
        var movies = new[]
        {
            new MovieLensMovie(1, "Toy Story (1995)", new DateOnly(1995, 1, 1), ["Animation", "Comedy"]),
            new MovieLensMovie(2, "Toy Soldiers (1991)", new DateOnly(1991, 1, 1), ["Action"]),
            new MovieLensMovie(3, "Heat (1995)", null, ["Action"]),
        };
        var features = MovieLensItemFeatures.Build(movies, new IdMap(["1", "2", "3"]));
        var names = features.FeaturesOf(0).ToArray().Select(f => features.FeatureNames[f]).ToHashSet();
        Assert.Equal(new HashSet<string> { "genre:Animation", "genre:Comedy", "decade:1990s", "title:toy", "title:story" }, names);
        int story = features.FeaturesOf(0).IndexOf(features.FeatureNames.ToList().IndexOf("title:story"));
        int toy = features.FeaturesOf(0).IndexOf(features.FeatureNames.ToList().IndexOf("title:toy"));
        Assert.Equal(Math.Log(3.0 / 1), features.ValuesOf(0)[story], 5);
        Assert.Equal(Math.Log(3.0 / 2), features.ValuesOf(0)[toy], 5);
    }
}
