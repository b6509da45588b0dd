using Reco.Data;
using Reco.Data.Features;
using Reco.Data.MovieLens;
using Reco.Data.Sources;
using Reco.Data.Splits;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Data;

public class DataSetTests
{
    [Fact]
    public void AMovieLensFolderIsNamedFingerprintedAndHasNoFoldsWithoutTheirFiles()
    {
        var folder = MovieLensFiles.Write(users: 6, movies: 8, ratingsPerUser: 3, seed: 1);
        var data = DataSet.LoadMovieLens(folder);

        Assert.Equal("movielens/100k", data.Name);
        Assert.Equal(Path.GetFullPath(folder), data.Source);
        Assert.Equal(DataFingerprint.Of(folder, DataFormat.MovieLens), data.Fingerprint);
        Assert.StartsWith("sha256:", data.Fingerprint);
        Assert.Null(data.PredefinedFolds);
        Assert.Equal(18, data.Interactions.Count);
        Assert.Equal("Señorita (1996)", data.Interactions.Items.LabelOf(1));
        Assert.NotNull(data.ItemFeatures);
        Assert.Equal(8, data.ItemFeatures!.ItemCount);
    }

    [Fact]
    public void CategoryVectorsAreTheGenresAloneWhenThereIsAGenresColumn()
    {
        // Movie m has genre m % 19 and every movie the year 1995: with the year, vectors would be 20 wide.
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 6, movies: 40, ratingsPerUser: 3, seed: 2));
        var vectors = data.CategoryVectors!;
        var items = data.Interactions.Items;
        for (int i = 0; i < items.Count; i++)
        {
            var v = vectors(i).ToArray();
            Assert.Equal(19, v.Length);
            Assert.Equal(1f, v.Sum());
            for (int j = 0; j < items.Count; j++)
            {
                bool sameGenre = int.Parse(items[i], System.Globalization.CultureInfo.InvariantCulture) % 19 == int.Parse(items[j], System.Globalization.CultureInfo.InvariantCulture) % 19;
                Assert.Equal(sameGenre, v.AsSpan().SequenceEqual(vectors(j).Span));
            }
        }

        Assert.All(vectors(items.Count).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void WithoutAGenresColumnEveryCategoricalColumnCounts()
    {
        var items = new IdMap(["a", "b", "c"]);
        var table = new FeatureTable(items);
        table.Add("colour", FeatureKind.Categorical);
        table.Add("tags", FeatureKind.MultiValued);
        table.Add("title", FeatureKind.Text);
        table.Set("a", "colour", "red");
        table.Set("a", "tags", "x", "y");
        table.Set("b", "colour", "blue");
        table.Set("b", "title", "words are not categories");
        table.Set("c", "tags", "y");

        var vectors = table.CategoryVectors(items)!;

        // Values in order of first appearance: colour:red, tags:x, tags:y, colour:blue.
        Assert.Equal([1f, 1f, 1f, 0f], vectors(0).ToArray());
        Assert.Equal([0f, 0f, 0f, 1f], vectors(1).ToArray());
        Assert.Equal([0f, 0f, 1f, 0f], vectors(2).ToArray());

        var textOnly = new FeatureTable(items);
        textOnly.Add("title", FeatureKind.Text);
        Assert.Null(textOnly.CategoryVectors(items));
    }

    [Fact]
    public void PredefinedFoldsAreFoundAndReadOnTheDatasMaps()
    {
        var folder = MovieLensFiles.Write(users: 10, movies: 12, ratingsPerUser: 4, seed: 3);
        MovieLensFiles.WriteFold(folder, "u1");
        MovieLensFiles.WriteFold(folder, "ua");
        var data = DataSet.LoadMovieLens(folder);
        var folds = Assert.IsType<MovieLensFolds>(data.PredefinedFolds);

        Assert.Equal(["u1", "u2", "u3", "u4", "u5"], folds.Resolve(" U1-U5 "));
        Assert.Equal(["ua"], folds.Resolve("ua"));
        Assert.Null(folds.Resolve("u9"));
        Assert.Contains("u1", folds.Help);

        var (train, test) = folds.Load("u1", data.Interactions);
        Assert.Same(data.Interactions.Users, train.Users);
        Assert.Same(data.Interactions.Items, test.Items);

        // u1.base holds the lines of u.data not divisible by 5; u1.test the others: together, every row once.
        var lines = File.ReadAllLines(Path.Combine(folder, "u.data")).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(lines.Where((_, i) => i % 5 != 0).Select(l => (l[0], l[1], float.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture))), Rows(train));
        Assert.Equal(lines.Where((_, i) => i % 5 == 0).Select(l => (l[0], l[1], float.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture))), Rows(test));

        var missing = Assert.Throws<FileNotFoundException>(() => folds.Load("u2", data.Interactions));
        Assert.Contains("u2.base", missing.Message);
    }

    [Fact]
    public void ReindexingKeepsEveryRowAndAddsUnknownIds()
    {
        var full = Reco.Tests.Models.ClassicData.Of(("u1", "a", 4), ("u2", "b", 3));
        var fold = Interactions.From([("u2", "a", 5f, 20L), ("u3", "c", 1f, 30L), ("u1", "b", 2f, 40L)]);
        int users = full.UserCount;

        var moved = fold.OnMaps(full.Users, full.Items);

        Assert.Same(full.Users, moved.Users);
        Assert.Same(full.Items, moved.Items);
        Assert.Equal(users + 1, full.UserCount);
        Assert.Equal(["a", "b", "c"], full.Items.Ids);
        Assert.Equal(Rows(fold), Rows(moved));
        Assert.Equal([20L, 30L, 40L], moved.Timestamps.ToArray());
        Assert.Equal([1, 2, 0], moved.UserIndices.ToArray());
        Assert.Equal(InteractionsDigest.Of(fold), InteractionsDigest.Of(moved));
    }

    [Fact]
    public void AFileIsNamedByItsFileName()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("plays.csv");
        File.WriteAllText(path, "user,item,rating\n1,a,3\n2,b,4\n");
        var data = DataSet.Load(new DataSpec { Source = path });

        Assert.Equal("plays.csv", data.Name);
        Assert.Equal(Path.GetFullPath(path), data.Source);
        Assert.Equal(DataFingerprint.Of(path, DataFormat.Csv), data.Fingerprint);
        Assert.Null(data.PredefinedFolds);
        Assert.Null(data.ItemFeatures);
        Assert.Null(data.CategoryVectors);
        Assert.Equal(2, data.Interactions.Count);
    }

    private static IEnumerable<(string, string, float)> Rows(Interactions data) =>
        Enumerable.Range(0, data.Count).Select(r => (data.Users[data.UserIndices[r]], data.Items[data.ItemIndices[r]], data.RatingAt(r)));
}
